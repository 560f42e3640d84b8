package community.dispatch.member.notifications;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import community.dispatch.kit.retention.RetentionRule;
import community.dispatch.kit.retention.RetentionRules;
import community.dispatch.kit.timers.DatabaseTimer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    /** Sends what is due; any instance may, each notification is claimed by one. */
    @Bean
    DatabaseTimer notificationSender(Notifier notifier, NotificationProperties properties, Clock clock) {
        return DatabaseTimer.every("notification sender", properties.sendInterval(), properties.sendBatch(), notifier::sendDue, clock);
    }

    /** How long notifications keep each of their tables, and why. */
    @Bean
    RetentionRules notificationTables() {
        return RetentionRules.of(
                RetentionRule.notAged("notification_setting", "each member's channels, language and quiet hours; an erased "
                        + "member's go with them"),
                RetentionRule.purged("notification", "due_at", Duration.ofDays(90), "what a member was told and whether "
                        + "it reached them, for staff asking after a missed offer; a quarter is enough, and an occasion "
                        + "(an offer, a resolution) is long over by then").onlyWhere("status <> 'PENDING'", "once settled"),
                RetentionRule.notAged("known_request", "who asked for each request, so the right resident is told of it; "
                        + "one row per request, kept with request-service's history"));
    }
}
