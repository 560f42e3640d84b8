package community.dispatch.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import community.dispatch.kit.retention.Retention;
import community.dispatch.kit.retention.RetentionProperties;
import community.dispatch.kit.retention.RetentionRule;

@KitIntegrationTest
class RetentionIT {

    @Autowired
    Retention retention;

    @Autowired
    DatabaseClient database;

    @Test
    void everyTableOfTheKitHasARuleAndATableWithoutOneIsNamed() {
        assertThat(retention.rules()).extracting(RetentionRule::table)
                .contains("outbox_event", "outbox_pending", "processed_event", "idempotent_response", "audit_entry");
        // The test application's own table was given no rule, as a service's new table might not be.
        assertThat(retention.tablesWithoutRule().block()).containsExactly("effect_log");
        assertThat(retention.rulesWithoutTable().block()).isEmpty();
    }

    @Test
    void rowsOlderThanTheirRuleGoInBatchesAndYoungerOnesStay() {
        // A rule the running timer does not have (it would race this test): the test application's effect log; and
        // before it, one whose table was dropped, which must not keep the others from being purged.
        Retention effects = new Retention(database, new RetentionProperties(Duration.ofMinutes(10), 1000, List.of()),
                List.of(RetentionRule.purged("effect_log", "at", Duration.ofDays(14), "for this test"),
                        RetentionRule.purged("a_dropped_table", "at", Duration.ofDays(1), "for this test")));
        assertThat(effects.rulesWithoutTable().block()).containsExactly("a_dropped_table");
        String subject = "retention-it-" + UUID.randomUUID();
        Instant now = Instant.now();
        for (int daysAgo : new int[] { 20, 16, 15, 13 }) {
            database.sql("INSERT INTO effect_log (event_id, subject, at) VALUES (:id, :subject, :at)")
                    .bind("id", UUID.randomUUID().toString()).bind("subject", subject)
                    .bind("at", now.minus(Duration.ofDays(daysAgo))).fetch().rowsUpdated().block();
        }

        assertThat(effects.purge(now, 2).block()).as("a full batch: the timer goes on at once").isEqualTo(2);
        assertThat(kept(subject)).isEqualTo(2);
        assertThat(effects.purge(now, 2).block()).isOne();
        assertThat(kept(subject)).as("the youngest, thirteen days old, stays").isOne();
    }

    @Test
    void aSettingChangesHowLongATableIsKeptOneForATableNotAgedIsRefusedAndAnotherServicesIsLeftAlone() {
        List<RetentionRule> rules = retention.rules();
        Retention shorter = new Retention(database, new RetentionProperties(Duration.ofMinutes(10), 1000,
                List.of("processed_event=1d")), rules);
        assertThat(shorter.rules()).filteredOn(rule -> rule.table().equals("processed_event"))
                .singleElement().extracting(RetentionRule::keep).isEqualTo(Duration.ofDays(1));

        assertThatThrownBy(() -> new Retention(database, new RetentionProperties(Duration.ofMinutes(10), 1000,
                List.of("outbox_pending=1d")), rules))
                .hasMessageContaining("dispatch.retention.keep: outbox_pending is not aged out");
        assertThat(new Retention(database, new RetentionProperties(Duration.ofMinutes(10), 1000,
                List.of("sign_in_failure=1d")), rules).rules())
                .as("a table of another service is left to it").isEqualTo(rules);
    }

    private long kept(String subject) {
        return database.sql("SELECT count(*) AS n FROM effect_log WHERE subject = :s").bind("s", subject)
                .map(row -> row.get("n", Long.class)).one().block();
    }
}
