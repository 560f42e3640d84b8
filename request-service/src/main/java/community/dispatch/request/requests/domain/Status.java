package community.dispatch.request.requests.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a request is in its life. {@link #next()} lists the moves allowed from each status; any
 * other move is a conflict.
 */
public enum Status {
    SUBMITTED, DISPATCHING, ASSIGNED, IN_PROGRESS, RESOLVED, CLOSED, CANCELLED, REJECTED, ESCALATED, REOPENED;

    /** Nothing more is expected of anyone: not open, not overdue, nothing a new request could repeat. */
    public static final Set<Status> DONE = EnumSet.of(RESOLVED, CLOSED, CANCELLED, REJECTED);

    public Set<Status> next() {
        return switch (this) {
            case SUBMITTED -> EnumSet.of(DISPATCHING, CANCELLED, REJECTED, ESCALATED);
            case DISPATCHING -> EnumSet.of(ASSIGNED, CANCELLED, REJECTED, ESCALATED);
            case ASSIGNED -> EnumSet.of(IN_PROGRESS, DISPATCHING, CANCELLED, ESCALATED);
            case IN_PROGRESS -> EnumSet.of(RESOLVED, ESCALATED);
            case RESOLVED -> EnumSet.of(CLOSED, REOPENED);
            case REOPENED -> EnumSet.of(DISPATCHING, ESCALATED, CANCELLED);
            case ESCALATED -> EnumSet.of(DISPATCHING, ASSIGNED, RESOLVED, REJECTED, CANCELLED);
            case CLOSED, CANCELLED, REJECTED -> EnumSet.noneOf(Status.class);
        };
    }

    /** The names of some statuses, for a query's {@code status = ANY(:statuses)}. */
    public static String[] names(Set<Status> statuses) {
        return statuses.stream().map(Enum::name).toArray(String[]::new);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }

    /** Work has not started: the requester may still withdraw. */
    public boolean beforeWork() {
        return this == SUBMITTED || this == DISPATCHING || this == ASSIGNED || this == REOPENED;
    }

    /** How far along the normal path a status is, so late or replayed order events never move a request back. */
    public int progress() {
        return switch (this) {
            case SUBMITTED, REOPENED, ESCALATED -> 0;
            case DISPATCHING -> 1;
            case ASSIGNED -> 2;
            case IN_PROGRESS -> 3;
            case RESOLVED -> 4;
            case CLOSED, CANCELLED, REJECTED -> 5;
        };
    }
}
