package community.dispatch.events.order;

import java.time.Instant;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** The volunteer checked in and began the work. */
public record OrderStarted(UUID orderId, UUID requestId, UUID volunteerId, Instant startedAt) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
