package community.dispatch.events.request;

import java.time.Instant;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** The work is done; the requester is asked to evaluate it. */
public record RequestResolved(UUID requestId, Instant resolvedAt) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
