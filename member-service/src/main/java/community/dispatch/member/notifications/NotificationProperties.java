package community.dispatch.member.notifications;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dispatch.notifications}: how often due notifications are sent and how many at a time.
 */
@ConfigurationProperties("dispatch.notifications")
record NotificationProperties(
        @DefaultValue("1s") Duration sendInterval,
        @DefaultValue("100") int sendBatch) {
}
