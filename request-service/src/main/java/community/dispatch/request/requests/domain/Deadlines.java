package community.dispatch.request.requests.domain;

import community.dispatch.request.catalogue.Urgency;
import java.time.Instant;

/** When a request must be dispatched by, and when the requester must have feedback by. */
public record Deadlines(Instant dispatchBy, Instant feedbackBy) {

    public static Deadlines of(Urgency urgency, Instant submittedAt) {
        return new Deadlines(submittedAt.plus(urgency.dispatchWithin()), submittedAt.plus(urgency.feedbackWithin()));
    }

    /**
     * For a request wanted from a later time ({@code wantedFrom}, the start of the requester's preferred
     * window): the SLA's clock starts late enough that the dispatch deadline is that time, not earlier — a
     * request for next Tuesday is not overdue tomorrow. Without a later wish, as {@link #of(Urgency, Instant)}.
     */
    public static Deadlines of(Urgency urgency, Instant submittedAt, Instant wantedFrom) {
        Instant clockStarts = wantedFrom == null ? submittedAt : wantedFrom.minus(urgency.dispatchWithin());
        return of(urgency, clockStarts.isAfter(submittedAt) ? clockStarts : submittedAt);
    }

    /** When the SLA's clock started for these deadlines under the urgency they were set for. */
    public Instant clockStartedFor(Urgency urgency) {
        return dispatchBy.minus(urgency.dispatchWithin());
    }

    /** The deadline that applies in this status, or null when none does (done, or nothing more to wait for). */
    public Instant dueIn(Status status) {
        return switch (status) {
            case SUBMITTED, DISPATCHING, REOPENED -> dispatchBy;
            case ASSIGNED, IN_PROGRESS -> feedbackBy;
            default -> null;
        };
    }

    public boolean breachedIn(Status status, Instant now) {
        Instant due = dueIn(status);
        return due != null && now.isAfter(due);
    }
}
