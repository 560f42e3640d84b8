package community.dispatch.member.notifications;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import community.dispatch.kit.timers.DatabaseTimer;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    /** Sends what is due; any instance may, each notification is claimed by one. */
    @Bean
    DatabaseTimer notificationSender(Notifier notifier, NotificationProperties properties, Clock clock) {
        return DatabaseTimer.every("notification sender", properties.sendInterval(), properties.sendBatch(), notifier::sendDue, clock);
    }

    /** The sandbox keeps push notifications for admins to read; only where asked for. */
    @Bean
    @ConditionalOnProperty(name = "dispatch.notifications.push-sandbox", havingValue = "true")
    PushSandbox pushSandbox(NotificationStore store, Clock clock) {
        return new PushSandbox(store, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "dispatch.notifications.push-sandbox", havingValue = "true")
    DatabaseTimer pushSandboxPurge(NotificationStore store, NotificationProperties properties, Clock clock) {
        return DatabaseTimer.every("push sandbox purge", Duration.ofMinutes(1), 1000,
                (now, limit) -> store.purgePushesBefore(now.minus(properties.pushSandboxKeep())), clock);
    }
}
