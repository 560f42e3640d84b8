package community.dispatch.volunteer.dispatching.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Whom a request may be offered, and in what order: who is considered at all, who can take it now, and the best of
 * them. Dispatch decides with it ({@code Candidates}), and so does the dispatch lab, which replays a community week on
 * the same decision.
 *
 * @param requesterId who asked (never offered their own request)
 * @param submittedBy who entered it on their behalf, when someone did (nor them)
 * @param tried who was through an order of the request already ({@link OrderStatus#NOT_AGAIN})
 */
public record Asking(Scoring.Need need, UUID requesterId, UUID submittedBy, Set<UUID> tried, Scoring.Weights weights) {

    /** Why a request is unassignable when nobody can take it now. */
    public static final String NOBODY_FREE = "no eligible volunteer is free";

    /** Whether the volunteer is considered at all: active, neither the requester nor who entered it, not tried yet. */
    public boolean considers(UUID volunteer, boolean active) {
        return active && !volunteer.equals(requesterId) && !volunteer.equals(submittedBy) && !tried.contains(volunteer);
    }

    /**
     * The volunteer's score when they can take the request — eligible ({@link Scoring#eligible}) and, by their
     * availability, askable — and nothing when they cannot.
     */
    public Optional<Scoring.Scored> scored(Scoring.Volunteer volunteer, boolean askable) {
        return askable && Scoring.eligible(need, volunteer) ? Optional.of(Scoring.score(need, volunteer, weights))
                : Optional.empty();
    }

    /** The first {@code wanted} of the scored, best first ({@link Scoring#BEST_FIRST}). */
    public static List<Scoring.Scored> best(Collection<Scoring.Scored> scored, int wanted) {
        List<Scoring.Scored> sorted = new ArrayList<>(scored);
        sorted.sort(Scoring.BEST_FIRST);
        return List.copyOf(sorted.size() > wanted ? sorted.subList(0, wanted) : sorted);
    }
}
