package community.dispatch.events.order;

import java.time.Instant;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** A volunteer was offered the order and may accept it until it expires. */
public record OrderOffered(UUID orderId, UUID requestId, UUID volunteerId, String teamKey, Instant expiresAt) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
