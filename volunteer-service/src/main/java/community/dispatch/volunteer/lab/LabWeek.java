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

    /** The service's rules as its migrations set them: each category to the teams that serve it. */
    public static Map<String, Rule> defaultRules() {
        Map<String, Integer> timeouts = Map.of("EMERGENCY", 300, "URGENT", 900, "NORMAL", 3600);
        Map<String, List<String>> teams = Map.of("household-help", List.of("red-steward"), "free-clinic", List.of("angel"),
                "childcare", List.of("lebei"), "sewing-mending", List.of("weaver"), "river-patrol", List.of("baoliang"),
                "study-visit", List.of("dawn", "red-steward"), "other", List.of("dawn"), "health-talk", List.of("angel"),
                "straw-burning", List.of("baoliang"));
        Map<String, Rule> rules = new HashMap<>();
        teams.forEach((category, serving) -> rules.put(category, new Rule(category, serving,
                category.equals("free-clinic") ? Map.of("nursing", 2) : Map.of(), timeouts, 5,
                category.equals("straw-burning") ? "POOL" : "DIRECT", List.of("TEAM_LEADER", "STAFF"), 0)));
        return Map.copyOf(rules);
    }

    /** The same week with one category's rule replaced (a rule a leader is trying). */
    public LabWeek withRule(Rule rule) {
        Map<String, Rule> changed = new HashMap<>(rules);
        changed.put(rule.categoryCode(), rule);
        return new LabWeek(seed, start, zone, Map.copyOf(changed), volunteers, requests);
    }
}
