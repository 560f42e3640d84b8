package community.dispatch.volunteer.lab;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import community.dispatch.volunteer.teams.Availability;

/**
 * One generated community week ({@link WeekGenerator}): the volunteers, the requests in the order they come, and the
 * rules they are dispatched by. The same week replays under every policy the lab compares.
 */
public record LabWeek(long seed, Instant start, ZoneId zone, Map<String, Rule> rules, List<Volunteer> volunteers,
        List<Request> requests) {

    /** Someone in one or more teams, living in a building of a compound. */
    public record Volunteer(UUID id, List<String> teams, Map<String, Integer> skills, String compoundCode, String gridCode,
            Scoring.Place home, int maxConcurrent, Availability availability, Double averageRating, double priorHours) {
    }

    /**
     * A resident's need: when it comes, what and where, who asked, the skill that would serve it best (none for some
     * categories) and how long the work takes once there.
     */
    public record Request(UUID id, Instant at, String categoryCode, String urgency, String compoundCode, String gridCode,
            Scoring.Place place, UUID requesterId, String skillWanted, Duration work) {
    }

    /** The same week with one category's rule replaced (a rule a leader is trying). */
    public LabWeek withRule(Rule rule) {
        Map<String, Rule> changed = new HashMap<>(rules);
        changed.put(rule.categoryCode(), rule);
        return new LabWeek(seed, start, zone, Map.copyOf(changed), volunteers, requests);
    }
}
