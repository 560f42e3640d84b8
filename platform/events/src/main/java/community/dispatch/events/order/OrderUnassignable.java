package community.dispatch.events.order;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** Nobody could be found to take the request. */
public record OrderUnassignable(UUID requestId, String reason) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
