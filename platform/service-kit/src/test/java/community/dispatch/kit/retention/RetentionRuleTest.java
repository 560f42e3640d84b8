package community.dispatch.kit.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class RetentionRuleTest {

    final RetentionRule failures = RetentionRule.purged("sign_in_failure", "failed_at", Duration.ofDays(30), "why");

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
    void aKeepIsSetPerTableAndOtherTablesKeepTheirRulesOwn() {
        RetentionProperties properties = keeping("login_code=2h", " Sign-In-Failure = 2d ");
        assertThat(properties.keepOf(failures)).isEqualTo(Duration.ofDays(2));
        assertThat(properties.keepOf(RetentionRule.purged("code_request", "requested_at", Duration.ofDays(1), "why")))
                .isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> keeping("sign_in_failure")).hasMessageContaining("is not table=duration");
    }

    /** The setting an operator writes in the environment reaches the tables: a map keyed by table names would not. */
    @Test
    void oneEnvironmentVariableSetsTheKeepsOfTablesWithUnderscores() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("environment",
                Map.of("DISPATCH_RETENTION_KEEP", "processed_event=2m,sign_in_failure=3d")));
        RetentionProperties bound = Binder.get(environment).bind("dispatch.retention", RetentionProperties.class).get();
        assertThat(bound.keepOf(failures)).isEqualTo(Duration.ofDays(3));
        assertThat(bound.tables()).containsExactly("processed_event", "sign_in_failure");
    }

    private static RetentionProperties keeping(String... entries) {
        return new RetentionProperties(Duration.ofMinutes(10), 1000, List.of(entries));
    }
}
