package community.dispatch.volunteer.dispatching.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import community.dispatch.errors.DomainException;

/**
 * A request in dispatch: what it needs, whose it is (and who entered it on their behalf, when someone did), how far
 * dispatch has got, and when it is wanted (the requester's preferred window; null: as soon as possible) and its first
 * offer due (null: now). Its status moves here and only here, as {@link DispatchStatus#next()} allows: each move
 * returns the moved dispatch or throws {@link IllegalDispatchMove}.
 */
public record Dispatch(UUID requestId, String categoryCode, String urgency, DispatchStatus status, int offersMade,
        String compoundCode, String gridCode, UUID requesterId, Instant wantedFrom, Instant wantedTo, Instant offerAfter,
        Scoring.Place place, UUID submittedBy) {

    /** A request that is not there, of the category and urgency, somewhere in the compound and grid: to preview whom dispatch would ask. */
    public static Dispatch imagined(String categoryCode, String urgency, String compoundCode, String gridCode) {
        return new Dispatch(UUID.randomUUID(), categoryCode, urgency, DispatchStatus.OPEN, 0, compoundCode, gridCode, null,
                null, null, null, Scoring.Place.UNKNOWN, null);
    }

    /** Whether the volunteer made the request or entered it for someone: they never serve it. */
    public boolean isTheirs(UUID volunteer) {
        return volunteer.equals(requesterId) || volunteer.equals(submittedBy);
    }

    /** Someone took it: a volunteer who accepted an offer while it was open, or one given it by hand (again). */
    public Dispatch assign() {
        return moveTo(DispatchStatus.ASSIGNED);
    }

    /** Its taker gave it back before the work started: offers go out again. */
    public Dispatch release() {
        return moveTo(DispatchStatus.OPEN);
    }

    /** Nobody could be found (or the rule allows no more offers). */
    public Dispatch giveUp() {
        return moveTo(DispatchStatus.UNASSIGNABLE);
    }

    /** The requester withdrew it; a withdrawal heard again changes nothing. */
    public Dispatch cancel() {
        return status == DispatchStatus.CANCELLED ? this : moveTo(DispatchStatus.CANCELLED);
    }

    /**
     * Another round (重辦), from wherever it got to but withdrawn: open again, with no offers counted, so everyone may be
     * offered it again.
     */
    public Dispatch reopen() {
        if (status == DispatchStatus.CANCELLED) {
            throw new IllegalDispatchMove(status, DispatchStatus.OPEN);
        }
        return with(DispatchStatus.OPEN, 0);
    }

    private Dispatch moveTo(DispatchStatus to) {
        if (!status.canBecome(to)) {
            throw new IllegalDispatchMove(status, to);
        }
        return with(to, offersMade);
    }

    private Dispatch with(DispatchStatus to, int offers) {
        return new Dispatch(requestId, categoryCode, urgency, to, offers, compoundCode, gridCode, requesterId, wantedFrom,
                wantedTo, offerAfter, place, submittedBy);
    }

    /**
     * A move dispatch does not allow from where the request is: code {@code request-cancelled} when it was withdrawn,
     * {@code illegal-dispatch-transition} otherwise.
     */
    public static class IllegalDispatchMove extends DomainException {

        IllegalDispatchMove(DispatchStatus from, DispatchStatus to) {
            super(Kind.CONFLICT, from == DispatchStatus.CANCELLED ? "request-cancelled" : "illegal-dispatch-transition",
                    from == DispatchStatus.CANCELLED ? "The request was withdrawn."
                            : "A request " + from + " in dispatch does not become " + to + ".",
                    Map.of("status", from.name()));
        }
    }
}
