package community.dispatch.kit.inbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How consumers handle failures ({@code dispatch.inbox.*}).
 *
 * @param retries how many times a failed effect is retried before its record goes to the dead-letter topic
 * @param retryInterval the wait between two tries
 * @param effectTimeout how long one effect may take before it counts as failed
 */
@ConfigurationProperties("dispatch.inbox")
public record InboxProperties(
        @DefaultValue("3") int retries,
        @DefaultValue("1s") Duration retryInterval,
        @DefaultValue("30s") Duration effectTimeout) {
}
