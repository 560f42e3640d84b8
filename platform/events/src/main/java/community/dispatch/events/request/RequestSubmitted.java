package community.dispatch.events.request;

import java.time.Instant;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** A resident's need entered the system (collect orders). */
public record RequestSubmitted(
        UUID requestId,
        String categoryCode,
        String urgency,
        String channel,
        UUID requesterId,
        Instant submittedAt) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
