package community.dispatch.events.order;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** A volunteer turned the offer down. */
public record OrderDeclined(UUID orderId, UUID requestId, UUID volunteerId, String reason) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
