package community.dispatch.events.request;

import java.util.List;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/**
 * A request moved on ({@code status:DISPATCHING}, {@code status:ASSIGNED}, {@code status:IN_PROGRESS},
 * {@code deliberation:<STEP>}) or its details changed.
 */
public record RequestUpdated(UUID requestId, List<String> changedFields) implements DomainEvent {

    @Override
    public String subject() {
        return requestId.toString();
    }
}
