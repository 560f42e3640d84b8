package community.dispatch.events.order;

import java.time.Instant;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** The volunteer checked out: the work is done. */
public record OrderCompleted(UUID orderId, UUID requestId, UUID volunteerId, Instant completedAt, String note) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
