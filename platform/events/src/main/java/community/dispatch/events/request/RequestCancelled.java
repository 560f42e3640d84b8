package community.dispatch.events.request;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** The requester withdrew the request before work started. */
public record RequestCancelled(UUID requestId, String reason) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
