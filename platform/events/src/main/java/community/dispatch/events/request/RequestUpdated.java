package community.dispatch.events.request;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import community.dispatch.events.DomainEvent;

/**
 * A request moved on, or its details changed. Since catalogue 1.1.0 what happened is typed: {@code status} is the
 * status it moved to (DISPATCHING, ASSIGNED, IN_PROGRESS), {@code deliberationStep} the rung of a dispute's ladder it
 * reached. {@code changedFields} still says it as text ({@code status:ASSIGNED}, {@code deliberation:<STEP>},
 * {@code urgency}) for consumers written against 1.0.
 */
public record RequestUpdated(UUID requestId, List<String> changedFields, String status, String deliberationStep)
        implements DomainEvent {

    private static final String STATUS = "status:";
    private static final String DELIBERATION = "deliberation:";

    /** The request moved to {@code status}. */
    public static RequestUpdated movedTo(UUID requestId, String status) {
        return new RequestUpdated(requestId, List.of(STATUS + status), status, null);
    }

    /** A dispute reached the deliberation ladder's {@code step}. */
    public static RequestUpdated deliberating(UUID requestId, String step) {
        return new RequestUpdated(requestId, List.of(DELIBERATION + step), null, step);
    }

    /** Details changed, its status did not. */
    public static RequestUpdated changed(UUID requestId, List<String> fields) {
        return new RequestUpdated(requestId, List.copyOf(fields), null, null);
    }

    /** The status it moved to, if it moved; read from {@code changedFields} for an event written before 1.1.0. */
    public Optional<String> movedTo() {
        return Optional.ofNullable(status).or(() -> prefixed(STATUS));
    }

    /** The deliberation step it reached, if it did; read from {@code changedFields} for an event written before 1.1.0. */
    public Optional<String> deliberationReached() {
        return Optional.ofNullable(deliberationStep).or(() -> prefixed(DELIBERATION));
    }

    private Optional<String> prefixed(String prefix) {
        return changedFields == null ? Optional.empty() : changedFields.stream().filter(field -> field.startsWith(prefix))
                .map(field -> field.substring(prefix.length())).findFirst();
    }

    @Override
    public String subject() {
        return requestId.toString();
    }
}
