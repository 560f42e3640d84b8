package community.dispatch.volunteer.dispatching.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a request is in dispatch: OPEN while offers go out, ASSIGNED once someone took it,
 * UNASSIGNABLE when nobody could be found, CANCELLED when the requester withdrew it.
 */
public enum DispatchStatus {
    OPEN, ASSIGNED, UNASSIGNABLE, CANCELLED;

    /**
     * Allowed moves. An ASSIGNED request opens again when its taker releases it or it is reopened; a
     * hand assignment may give an assigned or unassignable request to someone (again).
     */
    public Set<DispatchStatus> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(ASSIGNED, UNASSIGNABLE, CANCELLED);
            case ASSIGNED -> EnumSet.of(OPEN, ASSIGNED, CANCELLED);
            case UNASSIGNABLE -> EnumSet.of(OPEN, ASSIGNED, CANCELLED);
            case CANCELLED -> EnumSet.noneOf(DispatchStatus.class);
        };
    }

    public boolean canBecome(DispatchStatus to) {
        return next().contains(to);
    }
}
