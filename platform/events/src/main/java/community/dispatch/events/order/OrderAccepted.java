package community.dispatch.events.order;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** A volunteer took the order. */
public record OrderAccepted(UUID orderId, UUID requestId, UUID volunteerId) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
