package community.dispatch.events.order;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** An offer was not answered in time. */
public record OrderExpired(UUID orderId, UUID requestId, UUID volunteerId) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
