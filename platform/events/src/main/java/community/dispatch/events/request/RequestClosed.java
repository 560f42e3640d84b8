package community.dispatch.events.request;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** The request's life is over. */
public record RequestClosed(UUID requestId, String outcome) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
