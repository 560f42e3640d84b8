package community.dispatch.events.order;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** A volunteer gave back an order they had accepted, or a team leader reassigned it: the request is dispatched again. */
public record OrderReleased(UUID orderId, UUID requestId, UUID volunteerId, String reason) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
