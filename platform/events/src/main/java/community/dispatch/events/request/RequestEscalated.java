package community.dispatch.events.request;

import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** No volunteer was found or a deadline passed: staff must act. */
public record RequestEscalated(UUID requestId, String reason) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
