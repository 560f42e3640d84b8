package community.dispatch.kit.retention;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;

import community.dispatch.kit.EventingAutoConfiguration;
import community.dispatch.kit.idempotency.IdempotencyAutoConfiguration;
import community.dispatch.kit.idempotency.IdempotencyProperties;
import community.dispatch.kit.outbox.OutboxProperties;
import community.dispatch.kit.time.TimeAutoConfiguration;
import community.dispatch.kit.timers.DatabaseTimer;

/**
 * Retention for every service: the rules of the kit's own tables, the {@link Retention} that holds them with the
 * service's, and the timer that purges what has aged out.
 */
@AutoConfiguration(after = { EventingAutoConfiguration.class, IdempotencyAutoConfiguration.class, TimeAutoConfiguration.class })
@ConditionalOnBean(DatabaseClient.class)
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionAutoConfiguration {

    /** Longer than the longest a consumer's event can come again: the topics keep seven days. */
    static final Duration REDELIVERY_WINDOW = Duration.ofDays(14);

    /** Audit trails: three years, beyond the six months China's Cybersecurity Law asks of network logs. */
    static final Duration AUDIT_KEPT = Duration.ofDays(3 * 365);

    @Bean
    Retention retention(DatabaseClient database, RetentionProperties properties, ObjectProvider<RetentionRules> rules) {
        return new Retention(database, properties, rules.orderedStream().flatMap(part -> part.rules().stream()).toList());
    }

    /**
     * What the service keeps, in {@code /actuator/info} on the management port: the README's table, and any table
     * without a rule or rule without a table (the service contract's tests hold both empty and the README to it).
     */
    @Bean
    InfoContributor retentionInfo(Retention retention) {
        return info -> info.withDetail("retention", Map.of(
                "readme", retention.markdown(),
                "tablesWithoutRule", retention.tablesWithoutRule().block(Duration.ofSeconds(10)),
                "rulesWithoutTable", retention.rulesWithoutTable().block(Duration.ofSeconds(10))));
    }

    @Bean
    DatabaseTimer retentionPurge(Retention retention, RetentionProperties properties, Clock clock) {
        return DatabaseTimer.every("retention purge", properties.interval(), properties.batch(), retention::purge, clock);
    }

    /** The kit's own tables. */
    @Bean
    RetentionRules kitRetentionRules(ObjectProvider<OutboxProperties> outbox, ObjectProvider<IdempotencyProperties> idempotency) {
        Duration published = outbox.getIfAvailable(() -> new OutboxProperties(true, null, 0, null, null, null,
                Duration.ofDays(7))).retention();
        Duration answers = idempotency.getIfAvailable(() -> new IdempotencyProperties(null, Duration.ofDays(1))).keepFor();
        return RetentionRules.of(
                RetentionRule.purged("outbox_event", "created_at", published,
                                "live streams replay from it after a reconnect (Last-Event-ID), as far back as the topics "
                                        + "keep events (dispatch.outbox.retention)")
                        .onlyWhere("NOT EXISTS (SELECT 1 FROM outbox_pending p WHERE p.id = outbox_event.id)", "once published"),
                RetentionRule.notAged("outbox_pending", "a queue: the relay deletes a row once its event is published; "
                        + "aging one out would lose an event"),
                RetentionRule.purged("processed_event", "processed_at", REDELIVERY_WINDOW,
                        "a consumer must know an event it handled for as long as Kafka can deliver it again (the topics "
                                + "keep seven days)"),
                RetentionRule.purged("idempotent_response", "created_at", answers,
                        "a retried call is answered as the first was for a day, well beyond any client's retries "
                                + "(dispatch.idempotency.keep-for)"),
                RetentionRule.purged("audit_entry", "at", AUDIT_KEPT,
                        "who did what, for staff and inspections: three years, beyond the six months China's "
                                + "Cybersecurity Law asks of network logs"));
    }
}
