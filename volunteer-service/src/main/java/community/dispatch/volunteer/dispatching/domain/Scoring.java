package community.dispatch.volunteer.dispatching.domain;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;


/**
 * Who fits a request best: a weighted sum of skill fit, proximity, current load, fairness (hours
 * served lately — spread the work) and past ratings, plus the rule's team preference. Each component
 * is between 0 and 1; the weights are configuration. Ties go to the lower member id, so a decision
 * is repeatable.
 *
 * <p>Proximity: living in the building where help is wanted counts 1; otherwise, where both places are on
 * the map, the distance between them ({@link #metres}): 0.95 next door, falling evenly to 0 at
 * {@link #REACH_METRES}; where either is not, the same compound 0.8, the same grid 0.4, else 0.
 */
public final class Scoring {

    private Scoring() {
    }

    /** How much each component counts (configured as {@code dispatch.dispatching.weights.*}). */
    public record Weights(@Schema(example = "2.0") double team, @Schema(example = "1.0") double skill,
            @Schema(example = "8.0") double proximity, @Schema(example = "2.0") double load,
            @Schema(example = "4.0") double fairness, @Schema(example = "0.5") double rating) {

        /**
         * The defaults: chosen with the dispatch lab on generated community weeks (volunteer-service's README, "Dispatch
         * lab", says how and why).
         */
        public static final Weights DEFAULT = new Weights(2.0, 1.0, 8.0, 2.0, 4.0, 0.5);
    }

    /**
     * Where someone lives or help is wanted: the building ({@code <compound>/<building>}) and its coordinates
     * (WGS 84), each when known.
     */
    public record Place(String building, Double latitude, Double longitude) {

        public static final Place UNKNOWN = new Place(null, null, null);

        boolean onTheMap() {
            return latitude != null && longitude != null;
        }
    }

    /** What the request asks, and where. */
    public record Need(List<String> teams, Map<String, Integer> requiredSkills, String compoundCode, String gridCode, Place place) {

        /** A need known by compound and grid at most. */
        public Need(List<String> teams, Map<String, Integer> requiredSkills, String compoundCode, String gridCode) {
            this(teams, requiredSkills, compoundCode, gridCode, Place.UNKNOWN);
        }
    }

    /** What is known of one volunteer, and where they live. */
    public record Volunteer(UUID id, List<String> teams, Map<String, Integer> skills, String compoundCode, String gridCode,
            int openOrders, int maxConcurrent, double recentHours, Double averageRating, Place home) {

        /** A volunteer whose home is known by compound and grid at most. */
        public Volunteer(UUID id, List<String> teams, Map<String, Integer> skills, String compoundCode, String gridCode,
                int openOrders, int maxConcurrent, double recentHours, Double averageRating) {
            this(id, teams, skills, compoundCode, gridCode, openOrders, maxConcurrent, recentHours, averageRating, Place.UNKNOWN);
        }
    }

    /** A volunteer's score and its parts, so an administrator can see why. */
    public record Scored(UUID volunteerId, @Schema(example = "angel") String teamKey, @Schema(example = "0.82") double score,
            @Schema(example = "{\"team\": 1.0, \"skill\": 0.8, \"proximity\": 1.0, \"load\": 0.5, \"fairness\": 0.7, \"rating\": 0.96}")
            Map<String, Double> components,
            @Schema(example = "true", description = "Lives in the building where help is wanted") boolean sameBuilding,
            @Schema(example = "420", description = "From their home to where help is wanted, in metres; absent when either is not on the map")
            Integer distanceMetres) {

        /** What a team leader may see of a volunteer's ranking: no distance from home, fairness (hours) or rating. */
        public Scored forLeader() {
            Map<String, Double> shown = new LinkedHashMap<>(components);
            shown.keySet().retainAll(List.of("team", "skill", "load"));
            return new Scored(volunteerId, teamKey, score, shown, false, null);
        }
    }

    /** How far proximity reaches: at this distance and beyond it counts nothing. */
    public static final double REACH_METRES = 3000;

    public static final double EARTH_RADIUS_METRES = 6_371_008.8;

    /** The great-circle distance between two points (WGS 84 degrees), in metres: the haversine formula. */
    public static double metres(double latitude1, double longitude1, double latitude2, double longitude2) {
        double dLatitude = Math.toRadians(latitude2 - latitude1);
        double dLongitude = Math.toRadians(longitude2 - longitude1);
        double a = Math.pow(Math.sin(dLatitude / 2), 2)
                + Math.cos(Math.toRadians(latitude1)) * Math.cos(Math.toRadians(latitude2)) * Math.pow(Math.sin(dLongitude / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
    }

    /** Hours served in 30 days at which fairness counts nothing more. */
    public static final double BUSY_HOURS = 40;

    /** Whether the volunteer may be offered the request at all: a team of the rule, every required skill, room for one more. */
    public static boolean eligible(Need need, Volunteer volunteer) {
        if (volunteer.openOrders() >= volunteer.maxConcurrent() || team(need, volunteer) == null) {
            return false;
        }
        for (Map.Entry<String, Integer> required : need.requiredSkills().entrySet()) {
            if (volunteer.skills().getOrDefault(required.getKey(), 0) < required.getValue()) {
                return false;
            }
        }
        return true;
    }

    public static Scored score(Need need, Volunteer volunteer, Weights weights) {
        Parts parts = parts(need, volunteer);
        return new Scored(volunteer.id(), parts.team(), parts.total(weights),
                Map.of("team", parts.teamFit(), "skill", parts.skill(), "proximity", parts.proximity(), "load", parts.load(),
                        "fairness", parts.fairness(), "rating", parts.rating()),
                parts.sameBuilding(), parts.distance() == null ? null : (int) Math.round(parts.distance()));
    }

    /** The volunteer's score alone — {@link #score}'s, without its parts: what ranking thousands needs. */
    public static double points(Need need, Volunteer volunteer, Weights weights) {
        return parts(need, volunteer).total(weights);
    }

    /** The components of a volunteer's score for a need, each between 0 and 1. */
    private record Parts(String team, double teamFit, double skill, double proximity, double load, double fairness,
            double rating, boolean sameBuilding, Double distance) {

        /** The weighted sum, to three decimals. */
        double total(Weights weights) {
            double score = weights.team() * teamFit + weights.skill() * skill + weights.proximity() * proximity
                    + weights.load() * load + weights.fairness() * fairness + weights.rating() * rating;
            return Math.round(score * 1000) / 1000.0;
        }
    }

    /** The rule's first team the volunteer is in; null when in none. */
    private static String team(Need need, Volunteer volunteer) {
        for (String team : need.teams()) {
            if (volunteer.teams().contains(team)) {
                return team;
            }
        }
        return null;
    }

    private static Parts parts(Need need, Volunteer volunteer) {
        String team = team(need, volunteer);
        if (team == null) {
            throw new IllegalArgumentException("Volunteer " + volunteer.id() + " is in none of the teams " + need.teams());
        }
        double teamFit = need.teams().size() <= 1 ? 1 : 1 - (double) need.teams().indexOf(team) / (need.teams().size() - 1);
        double skill = 1;
        if (!need.requiredSkills().isEmpty()) {
            double sum = 0;
            for (String name : need.requiredSkills().keySet()) {
                sum += Math.min(1, volunteer.skills().getOrDefault(name, 0) / 5.0);
            }
            skill = sum / need.requiredSkills().size();
        }
        Place wanted = need.place();
        Place home = volunteer.home();
        boolean sameBuilding = wanted.building() != null && wanted.building().equals(home.building());
        Double distance = wanted.onTheMap() && home.onTheMap()
                ? metres(wanted.latitude(), wanted.longitude(), home.latitude(), home.longitude()) : null;
        double proximity = sameBuilding ? 1
                : distance != null ? 0.95 * Math.max(0, 1 - distance / REACH_METRES)
                : need.compoundCode() != null && need.compoundCode().equals(volunteer.compoundCode()) ? 0.8
                : need.gridCode() != null && need.gridCode().equals(volunteer.gridCode()) ? 0.4 : 0;
        double load = 1 - (double) volunteer.openOrders() / volunteer.maxConcurrent();
        double fairness = 1 - Math.min(volunteer.recentHours(), BUSY_HOURS) / BUSY_HOURS;
        double rating = volunteer.averageRating() == null ? 0.5 : (volunteer.averageRating() - 1) / 4;
        return new Parts(team, teamFit, skill, proximity, load, fairness, rating, sameBuilding, distance);
    }

    /** Best first: the higher score, and between equal scores the lower member id (as text, see {@link #byText}). */
    public static final Comparator<Scored> BEST_FIRST = Comparator.comparingDouble(Scored::score).reversed()
            .thenComparing(Scored::volunteerId, Scoring::byText);

    /**
     * Member ids in the order of their text form — PostgreSQL's order of {@code uuid}, where candidates are ranked
     * first — which {@link UUID#compareTo} (signed) is not.
     */
    public static int byText(UUID one, UUID other) {
        int most = Long.compareUnsigned(one.getMostSignificantBits(), other.getMostSignificantBits());
        return most != 0 ? most : Long.compareUnsigned(one.getLeastSignificantBits(), other.getLeastSignificantBits());
    }
}
