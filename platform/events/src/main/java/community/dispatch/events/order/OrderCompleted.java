package community.dispatch.events.order;

import java.time.Instant;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/**
 * The volunteer checked out: the work is done. {@code note} is for the requester and staff; {@code publicNote},
 * when the volunteer wrote one, is what they chose to say in public (Open311's status notes).
 */
public record OrderCompleted(UUID orderId, UUID requestId, UUID volunteerId, Instant completedAt, String note,
        String publicNote) implements DomainEvent {

    /** Work done without a word for the public. */
    public OrderCompleted(UUID orderId, UUID requestId, UUID volunteerId, Instant completedAt, String note) {
        this(orderId, requestId, volunteerId, completedAt, note, null);
    }

    @Override
    public String subject() {
        return requestId.toString();
    }
}
