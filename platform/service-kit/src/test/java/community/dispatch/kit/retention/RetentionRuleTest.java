package community.dispatch.kit.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RetentionRuleTest {

    @Test
    void aRuleNamesPlainIdentifiersAndSaysWhy() {
        assertThatThrownBy(() -> RetentionRule.purged("t; DROP TABLE member", "at", Duration.ofDays(1), "why"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetentionRule.purged("t", "at < now() OR true", Duration.ofDays(1), "why"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetentionRule.notAged("t", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RetentionRule.notAged("t", "reference data").purges()).isFalse();
    }

    @Test
    void aKeepSettingIsFoundHoweverItsTableIsWritten() {
        RetentionRule rule = RetentionRule.purged("sign_in_failure", "failed_at", Duration.ofDays(30), "why");
        for (String written : new String[] { "sign_in_failure", "sign-in-failure", "sign.in.failure", "SIGN_IN_FAILURE" }) {
            assertThat(new RetentionProperties(Duration.ofMinutes(10), 1000, Map.of(written, Duration.ofDays(2))).keepOf(rule))
                    .as(written).isEqualTo(Duration.ofDays(2));
        }
        assertThat(new RetentionProperties(Duration.ofMinutes(10), 1000, Map.of("login_code", Duration.ofDays(2))).keepOf(rule))
                .isEqualTo(Duration.ofDays(30));
    }
}
