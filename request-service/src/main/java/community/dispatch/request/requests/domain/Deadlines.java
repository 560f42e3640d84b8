package community.dispatch.request.requests.domain;

import community.dispatch.request.catalogue.Urgency;
import java.time.Instant;

/** When a request must be dispatched by, and when the requester must have feedback by. */
public record Deadlines(Instant dispatchBy, Instant feedbackBy) {

    public static Deadlines of(Urgency urgency, Instant submittedAt) {
        return new Deadlines(submittedAt.plus(urgency.dispatchWithin()), submittedAt.plus(urgency.feedbackWithin()));
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
