package community.dispatch.events.request;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** The request goes back to dispatch for another round. */
public record RequestReopened(UUID requestId, String reason) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
