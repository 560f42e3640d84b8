package community.dispatch.kit.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox relay works ({@code dispatch.outbox.*}).
 *
 * @param enabled whether this instance runs a relay; every instance may, they share the work safely
 * @param pollInterval how often the relay looks for pending events when nothing wakes it (an event
 *        recorded wakes it at once): a safety net, and when failed sends are retried
 * @param batchSize how many events one claim takes at most
 * @param sendTimeout how long one publish may take before it counts as failed
 * @param initialBackoff the wait after a first failed publish; it doubles with each further failure
 * @param maxBackoff the longest wait between two attempts
 * @param retention how long published events are kept before they are purged
 */
@ConfigurationProperties("dispatch.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("7d") Duration retention) {
}
