package community.dispatch.events.request;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** The requester rated the work from 1 to 5. */
public record RequestEvaluated(UUID requestId, int rating, String comment) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
