package community.dispatch.events.request;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** No volunteer was found, a deadline passed, or a request that went round as often as allowed was rated low again: staff must act. */
public record RequestEscalated(UUID requestId, String reason) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
