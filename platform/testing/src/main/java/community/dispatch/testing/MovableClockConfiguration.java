package community.dispatch.testing;

import java.time.Clock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Gives a service under test {@link #CLOCK} as its clock, so a test moves time (an offer's expiry, a
 * deadline) by {@code CLOCK.advance(…)} rather than by editing rows. One clock for the JVM: a second
 * instance started by the test shares it through {@link #CLOCK}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableClockConfiguration {

    public static final MovableClock CLOCK = new MovableClock();

    @Bean
    Clock clock() {
        return CLOCK;
    }
}
