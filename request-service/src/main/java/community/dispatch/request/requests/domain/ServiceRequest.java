package community.dispatch.request.requests.domain;

import community.dispatch.request.catalogue.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A resident's need and where it is in its life. Moves are made here and only here: each returns
 * the changed request with the timeline entries that record it, or throws {@link IllegalMove}.
 */
public record ServiceRequest(
        UUID id,
        String requesterId,
        String submittedBy,
        Channel channel,
        String categoryCode,
        Urgency urgency,
        Status status,
        String gridCode,
        String compoundCode,
        Deadlines deadlines,
        Instant dueAt,
        Integer rating,
        Instant submittedAt,
        long version) {

    /** The normal path a request walks when volunteers take it. */
    private static final List<Status> HAPPY_PATH = List.of(Status.DISPATCHING, Status.ASSIGNED, Status.IN_PROGRESS,
            Status.RESOLVED);

    public static ServiceRequest submitted(UUID id, String requesterId, String submittedBy, Channel channel,
            String categoryCode, Urgency urgency, String gridCode, String compoundCode, Instant at) {
        return submitted(id, requesterId, submittedBy, channel, categoryCode, urgency, gridCode, compoundCode, at, null);
    }

    /** A request wanted from {@code wantedFrom} (its preferred window's start; null: at once): its deadlines count from then. */
    public static ServiceRequest submitted(UUID id, String requesterId, String submittedBy, Channel channel,
            String categoryCode, Urgency urgency, String gridCode, String compoundCode, Instant at, Instant wantedFrom) {
        Deadlines deadlines = Deadlines.of(urgency, at, wantedFrom);
        return new ServiceRequest(id, requesterId, submittedBy, channel, categoryCode, urgency, Status.SUBMITTED,
                gridCode, compoundCode, deadlines, deadlines.dueIn(Status.SUBMITTED), null, at, 0);
    }

    /** One recorded move. */
    public record Move(Status from, Status to, String actor, String reason, Instant at) {
    }

    /** The request after a change, and the moves that made it. */
    public record Changed(ServiceRequest request, List<Move> moves) {

        public boolean changed() {
            return !moves.isEmpty();
        }
    }

    /**
     * Moves to {@code to} if the lifecycle allows it from here. {@code evaluationWindow} is how long a
     * resolved request waits for its evaluation.
     */
    public Changed moveTo(Status to, String actor, String reason, Instant at, Duration evaluationWindow) {
        if (!status.next().contains(to)) {
            throw new IllegalMove(status, to);
        }
        // Another round (重辦) gets fresh deadlines, counted from the reopening.
        Deadlines next = to == Status.REOPENED ? Deadlines.of(urgency, at) : deadlines;
        Instant due = to == Status.RESOLVED ? at.plus(evaluationWindow) : next.dueIn(to);
        return new Changed(withStage(to, next, due), List.of(new Move(status, to, actor, reason, at)));
    }

    /**
     * Walks forward along the normal path until {@code target}, for what volunteers did: an event
     * that arrives late or twice never moves a request back, and one that skips ahead (its
     * predecessors lost or not yet here) brings the steps in between along. A request that is
     * finished or withdrawn does not move.
     */
    public Changed advanceTo(Status target, String actor, String reason, Instant at, Duration evaluationWindow) {
        if (!HAPPY_PATH.contains(target) || status.isFinal() || status.progress() >= target.progress()) {
            return new Changed(this, List.of());
        }
        ServiceRequest current = this;
        List<Move> moves = new ArrayList<>();
        while (current.status != target) {
            Status from = current.status;
            Status step = from.next().contains(target) ? target
                    : HAPPY_PATH.stream().filter(s -> s.progress() > from.progress()).findFirst().orElseThrow();
            Changed changed = current.moveTo(step, actor, reason, at, evaluationWindow);
            current = changed.request();
            moves.addAll(changed.moves());
        }
        return new Changed(current, moves);
    }

    /**
     * The requester's rating: 1–2 sends the request round again (重辦), 3–5 closes it. When the request
     * may not be reopened again ({@code mayReopen} false: it went round often enough), a low rating
     * escalates it instead, for staff to decide.
     */
    public Changed evaluate(int stars, String actor, Instant at, Duration evaluationWindow, boolean mayReopen) {
        if (stars < 1 || stars > 5) {
            throw new IllegalArgumentException("a rating is 1 to 5 stars");
        }
        if (status != Status.RESOLVED) {
            throw new IllegalMove(status, stars <= 2 ? Status.REOPENED : Status.CLOSED);
        }
        ServiceRequest rated = withRating(stars);
        String reason = "rated " + stars + " of 5";
        if (stars >= 3) {
            return rated.moveTo(Status.CLOSED, actor, reason, at, evaluationWindow);
        }
        if (mayReopen) {
            return rated.moveTo(Status.REOPENED, actor, reason, at, evaluationWindow);
        }
        // Only a rating takes a resolved request to staff: a late "nobody found" event must not.
        ServiceRequest escalated = rated.withStage(Status.ESCALATED, deadlines, deadlines.dueIn(Status.ESCALATED));
        return new Changed(escalated, List.of(new Move(status, Status.ESCALATED, actor,
                reason + "; reopened as often as allowed: staff decide", at)));
    }

    /**
     * A dispute is not dispatched: it goes straight into deliberation, which is its work in progress.
     * The ladder keeps its own deadlines, so the request itself has no timer meanwhile.
     */
    public Changed startDeliberation(Step step, String actor, Instant at) {
        if (status != Status.SUBMITTED && status != Status.REOPENED) {
            throw new IllegalMove(status, Status.IN_PROGRESS);
        }
        return new Changed(withStage(Status.IN_PROGRESS, deadlines, null), List.of(new Move(status, Status.IN_PROGRESS, actor,
                "deliberation: " + step + " (" + step.nameZh() + ")", at)));
    }

    /**
     * Staff reclassify the urgency (e.g. to COMPLEX): the deadlines are counted again from when the SLA's clock
     * started (the submission, or later for a request wanted later).
     */
    public Changed reclassify(Urgency to, String actor, Instant at) {
        if (status.isFinal()) {
            throw new IllegalMove(status, status);
        }
        Deadlines next = Deadlines.of(to, deadlines.clockStartedFor(urgency));
        Instant due = status == Status.RESOLVED || status == Status.ESCALATED
                || (status == Status.IN_PROGRESS && dueAt == null) ? dueAt : next.dueIn(status);
        return new Changed(withUrgency(to, next, due), List.of(new Move(status, status, actor, "urgency " + urgency + " → " + to, at)));
    }

    /** Staff close a request that repeats another; it keeps no timer. Finished requests stay as they are. */
    public Changed closeAsDuplicateOf(UUID original, String actor, Instant at) {
        if (status.isFinal()) {
            throw new IllegalMove(status, Status.CLOSED);
        }
        if (original.equals(id)) {
            throw new IllegalArgumentException("a request cannot duplicate itself");
        }
        return new Changed(withStage(Status.CLOSED, deadlines, null), List.of(new Move(status, Status.CLOSED, actor, "duplicate of " + original, at)));
    }

    /** What a passed timer means here: an SLA breach escalates, an evaluation window closes. */
    public Changed timerFired(Instant at, Duration evaluationWindow) {
        if (dueAt == null || at.isBefore(dueAt)) {
            return new Changed(this, List.of());
        }
        if (status == Status.RESOLVED) {
            return moveTo(Status.CLOSED, "system", "no evaluation within " + evaluationWindow.toDays() + " days", at,
                    evaluationWindow);
        }
        String which = status.progress() < Status.ASSIGNED.progress() ? "dispatch" : "feedback";
        return moveTo(Status.ESCALATED, "system", which + " deadline " + dueAt + " passed", at, evaluationWindow);
    }

    /** This request as it is once saved: one version on (the version guards against concurrent changes). */
    public ServiceRequest saved() {
        return new ServiceRequest(id, requesterId, submittedBy, channel, categoryCode, urgency, status, gridCode,
                compoundCode, deadlines, dueAt, rating, submittedAt, version + 1);
    }

    /** This request, in {@code stage} with these deadlines and its timer due at {@code due} (null: no timer). */
    private ServiceRequest withStage(Status stage, Deadlines stageDeadlines, Instant due) {
        return new ServiceRequest(id, requesterId, submittedBy, channel, categoryCode, urgency, stage, gridCode,
                compoundCode, stageDeadlines, due, rating, submittedAt, version);
    }

    /** This request, reclassified as {@code to}, with the deadlines that follow and its timer due at {@code due}. */
    private ServiceRequest withUrgency(Urgency to, Deadlines toDeadlines, Instant due) {
        return new ServiceRequest(id, requesterId, submittedBy, channel, categoryCode, to, status, gridCode, compoundCode,
                toDeadlines, due, rating, submittedAt, version);
    }

    private ServiceRequest withRating(int stars) {
        return new ServiceRequest(id, requesterId, submittedBy, channel, categoryCode, urgency, status, gridCode,
                compoundCode, deadlines, dueAt, stars, submittedAt, version);
    }
}
