package community.dispatch.volunteer.dispatching.domain;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a category's requests are dispatched: the teams to try in order, the skills needed (minimum
 * level 1–5), how long an offer waits per urgency (seconds), how many offers before giving up, DIRECT
 * or POOL, and who is told when nobody takes it ({@code notifyRoles}).
 */
public record Rule(@Schema(example = "free-clinic") String categoryCode, @Schema(example = "[\"angel\"]") List<String> teams,
        @Schema(example = "{\"first-aid\": 3}") Map<String, Integer> requiredSkills,
        @Schema(example = "{\"EMERGENCY\": 120, \"URGENT\": 600, \"NORMAL\": 3600}") Map<String, Integer> timeouts,
        @Schema(example = "5") int maxOffers, @Schema(example = "DIRECT", allowableValues = { "DIRECT", "POOL" }) String mode,
        @Schema(example = "[\"TEAM_LEADER\", \"GRID_WORKER\"]") List<String> notifyRoles, @Schema(example = "3") long version) {

    public static final Set<String> URGENCIES = Set.of("EMERGENCY", "URGENT", "NORMAL");
    public static final Set<String> MODES = Set.of(DispatchMode.DIRECT.name(), DispatchMode.POOL.name());

    /** How long an offer of a request of this urgency waits; COMPLEX and anything unknown wait as NORMAL. */
    public Duration timeoutFor(String urgency) {
        Integer seconds = timeouts.get(URGENCIES.contains(urgency) ? urgency : "NORMAL");
        return Duration.ofSeconds(seconds);
    }

    public DispatchMode dispatchMode() {
        return DispatchMode.valueOf(mode);
    }

    /** Why no more offers may be made after {@code offersMade}; empty while they may ({@link DispatchMode#exhausted}). */
    public Optional<String> exhaustedAfter(int offersMade) {
        return dispatchMode().exhausted(offersMade, maxOffers) ? Optional.of("no one accepted after " + offersMade + " offers")
                : Optional.empty();
    }

    /** The same rule at another version. */
    public Rule withVersion(long newVersion) {
        return new Rule(categoryCode, teams, requiredSkills, timeouts, maxOffers, mode, notifyRoles, newVersion);
    }

    /** What is wrong with the rule, field by field; empty when it can be saved. */
    public List<Map<String, String>> problems(Set<String> knownTeams) {
        List<Map<String, String>> problems = new ArrayList<>();
        if (teams == null || teams.isEmpty()) {
            problems.add(problem("teams", "name at least one team"));
        }
        else {
            teams.stream().filter(team -> !knownTeams.contains(team))
                    .forEach(team -> problems.add(problem("teams", "there is no team '" + team + "'")));
        }
        if (requiredSkills != null) {
            requiredSkills.forEach((skill, level) -> {
                if (level == null || level < 1 || level > 5) {
                    problems.add(problem("requiredSkills." + skill, "a level is 1 to 5, not " + level));
                }
            });
        }
        if (timeouts == null || !timeouts.keySet().equals(URGENCIES)) {
            problems.add(problem("timeouts", "give EMERGENCY, URGENT and NORMAL"));
        }
        else {
            timeouts.forEach((urgency, seconds) -> {
                if (seconds == null || seconds <= 0) {
                    problems.add(problem("timeouts." + urgency, "must be more than zero seconds"));
                }
            });
        }
        if (maxOffers < 1) {
            problems.add(problem("maxOffers", "must be at least 1"));
        }
        if (!MODES.contains(mode)) {
            problems.add(problem("mode", "must be DIRECT or POOL"));
        }
        return problems;
    }

    private static Map<String, String> problem(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
