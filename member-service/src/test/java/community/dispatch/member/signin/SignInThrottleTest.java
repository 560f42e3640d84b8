package community.dispatch.member.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    @Test
    void aTypoCostsNothingThenEachFailureDoublesTheWait() {
        Duration base = Duration.ofSeconds(1);

        assertThat(SignInThrottle.delayAfter(0, base)).isZero();
        assertThat(SignInThrottle.delayAfter(1, base)).isZero();
        assertThat(SignInThrottle.delayAfter(2, base)).isEqualTo(Duration.ofSeconds(1));
        assertThat(SignInThrottle.delayAfter(3, base)).isEqualTo(Duration.ofSeconds(2));
        assertThat(SignInThrottle.delayAfter(4, base)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void noDelayWhenItIsSwitchedOff() {
        assertThat(SignInThrottle.delayAfter(4, Duration.ZERO)).isZero();
    }
}
