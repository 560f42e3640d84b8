package community.dispatch.kit.outbox;

import java.util.UUID;

/**
 * An event claimed from the outbox, ready to publish, with the trace it was recorded in (null outside any), and
 * whether a later event of its key waits behind it (due once this one is published).
 */
public record PendingEvent(UUID id, String topic, String key, String type, byte[] payload, int attempts,
        String traceparent, String tracestate, boolean followed) {
}
