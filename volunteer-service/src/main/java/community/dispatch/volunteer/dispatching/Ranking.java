package community.dispatch.volunteer.dispatching;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Who is offered a request first: the rule's teams in their order of preference, then the volunteer
 * with the fewest open orders (spread the load), then the fewest hours served in the last 30 days
 * (spread the work fairly), then the member id (so the choice is repeatable).
 */
public final class Ranking {

    private Ranking() {
    }

    /**
     * A volunteer who could take the request.
     *
     * @param teamPreference the position of their best team in the rule's list, 0 first
     */
    public record Candidate(UUID volunteerId, String teamKey, int teamPreference, int openOrders, double recentHours) {
    }

    public static final Comparator<Candidate> ORDER = Comparator.comparingInt(Candidate::teamPreference)
            .thenComparingInt(Candidate::openOrders)
            .thenComparingDouble(Candidate::recentHours)
            .thenComparing(Candidate::volunteerId);

    public static List<Candidate> rank(List<Candidate> candidates) {
        return candidates.stream().sorted(ORDER).toList();
    }

    /** Hours between check-in and check-out, rounded to the nearest half hour, at least half an hour. */
    public static double serviceHours(Duration worked) {
        double hours = worked.toMinutes() / 60.0;
        return Math.max(0.5, Math.round(hours * 2) / 2.0);
    }
}
