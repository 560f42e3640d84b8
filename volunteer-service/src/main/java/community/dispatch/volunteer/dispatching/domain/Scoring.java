package community.dispatch.volunteer.dispatching.domain;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;


/**
 * Who fits a request best: a weighted sum of skill fit, proximity, current load, fairness (hours
 * served lately — spread the work) and past ratings, plus the rule's team preference. Each component
 * is between 0 and 1; the weights are configuration. Ties go to the lower member id, so a decision
 * is repeatable.
 */
public final class Scoring {

    private Scoring() {
    }

    /** How much each component counts (configured as {@code dispatch.dispatching.weights.*}). */
    public record Weights(double team, double skill, double proximity, double load, double fairness, double rating) {
    }

    /** What the request asks. */
    public record Need(List<String> teams, Map<String, Integer> requiredSkills, String compoundCode, String gridCode) {
    }

    /** What is known of one volunteer. */
    public record Volunteer(UUID id, List<String> teams, Map<String, Integer> skills, String compoundCode, String gridCode,
            int openOrders, int maxConcurrent, double recentHours, Double averageRating) {
    }

    /** A volunteer's score and its parts, so an administrator can see why. */
    public record Scored(UUID volunteerId, @Schema(example = "angel") String teamKey, @Schema(example = "0.82") double score,
            @Schema(example = "{\"team\": 1.0, \"skill\": 0.8, \"proximity\": 1.0, \"load\": 0.5, \"fairness\": 0.7, \"rating\": 0.96}")
            Map<String, Double> components) {
    }

    /** Hours served in 30 days at which fairness counts nothing more. */
    static final double BUSY_HOURS = 40;

    /** Whether the volunteer may be offered the request at all: a team of the rule, every required skill, room for one more. */
    public static boolean eligible(Need need, Volunteer volunteer) {
        return volunteer.teams().stream().anyMatch(need.teams()::contains)
                && need.requiredSkills().entrySet().stream()
                        .allMatch(required -> volunteer.skills().getOrDefault(required.getKey(), 0) >= required.getValue())
                && volunteer.openOrders() < volunteer.maxConcurrent();
    }

    public static Scored score(Need need, Volunteer volunteer, Weights weights) {
        String team = need.teams().stream().filter(volunteer.teams()::contains).findFirst().orElseThrow();
        double teamFit = need.teams().size() <= 1 ? 1 : 1 - (double) need.teams().indexOf(team) / (need.teams().size() - 1);
        double skill = need.requiredSkills().isEmpty() ? 1 : need.requiredSkills().keySet().stream()
                .mapToDouble(name -> Math.min(1, volunteer.skills().getOrDefault(name, 0) / 5.0)).average().orElse(1);
        double proximity = need.compoundCode() != null && need.compoundCode().equals(volunteer.compoundCode()) ? 1
                : need.gridCode() != null && need.gridCode().equals(volunteer.gridCode()) ? 0.5 : 0;
        double load = 1 - (double) volunteer.openOrders() / volunteer.maxConcurrent();
        double fairness = 1 - Math.min(volunteer.recentHours(), BUSY_HOURS) / BUSY_HOURS;
        double rating = volunteer.averageRating() == null ? 0.5 : (volunteer.averageRating() - 1) / 4;
        Map<String, Double> parts = Map.of("team", teamFit, "skill", skill, "proximity", proximity, "load", load,
                "fairness", fairness, "rating", rating);
        double score = weights.team() * teamFit + weights.skill() * skill + weights.proximity() * proximity
                + weights.load() * load + weights.fairness() * fairness + weights.rating() * rating;
        return new Scored(volunteer.id(), team, Math.round(score * 1000) / 1000.0, parts);
    }

    /** The eligible volunteers, best first. */
    public static List<Scored> rank(Need need, List<Volunteer> volunteers, Weights weights) {
        return volunteers.stream()
                .filter(volunteer -> eligible(need, volunteer))
                .map(volunteer -> score(need, volunteer, weights))
                .sorted(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::volunteerId))
                .toList();
    }
}
