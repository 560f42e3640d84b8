package community.dispatch.events.request;

import java.util.List;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/** The requester or staff changed a request's details. */
public record RequestUpdated(UUID requestId, List<String> changedFields) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
