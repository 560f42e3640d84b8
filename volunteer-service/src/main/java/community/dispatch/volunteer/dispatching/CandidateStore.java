package community.dispatch.volunteer.dispatching;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import community.dispatch.volunteer.dispatching.DispatchStore.Dispatch;
import community.dispatch.volunteer.dispatching.domain.OrderStatus;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import community.dispatch.volunteer.teams.Availability;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import lombok.RequiredArgsConstructor;

/**
 * The SQL that finds who could take a request: active volunteers of the rule's teams with room for
 * another order, with their load, recent hours and ratings, ranked where the rows are, leaving out those already
 * tried in this round and those who did the request before (a request reopened after a low rating goes to someone else, and
 * is never paid twice). Only open orders and recent hours are aggregated, so old orders cost nothing.
 */
@Component
@RequiredArgsConstructor
class CandidateStore {

    /** How far back hours served count towards fairness. */
    static final Duration RECENT = Duration.ofDays(30);
    private static final TypeReference<Map<String, Integer>> SKILLS = new TypeReference<>() { };

    /** A volunteer as scoring sees them, with when they can be asked and the score the database ranked them by. */
    record Candidate(Scoring.Volunteer volunteer, Availability availability, double score) {
    }

    private final DatabaseClient database;
    private final JsonMapper json;

    /**
     * One page of the volunteers of the need's teams not yet tried for the request, leaving out its requester and
     * who entered it for them: those with every required skill and room for another order, best first by
     * {@link Scoring}'s formula — computed here, where the rows are, so a team of thousands costs one page of rows,
     * not the whole team. Ties go to the lower member id, as in {@link Scoring#rank}.
     */
    Flux<Candidate> best(Dispatch dispatch, Scoring.Need need, Scoring.Weights weights, Instant now, int limit, int offset) {
        if (need.teams().isEmpty()) {
            return Flux.empty();
        }
        Scoring.Place wanted = need.place();
        Map<String, Object> values = new HashMap<>(Map.of("teams", need.teams().toArray(String[]::new),
                "request", dispatch.requestId(), "open", OrderStatus.names(OrderStatus.OPEN),
                "tried", OrderStatus.names(OrderStatus.NOT_AGAIN), "completed", OrderStatus.COMPLETED.name(),
                "recentSince", now.minus(RECENT), "limit", limit, "offset", offset));
        values.putAll(Map.of("requester", Parameter.fromOrEmpty(dispatch.requesterId(), UUID.class),
                "submitter", Parameter.fromOrEmpty(dispatch.submittedBy(), UUID.class),
                "building", Parameter.fromOrEmpty(wanted.building(), String.class),
                "latitude", Parameter.fromOrEmpty(wanted.latitude(), Double.class),
                "longitude", Parameter.fromOrEmpty(wanted.longitude(), Double.class),
                "compound", Parameter.fromOrEmpty(need.compoundCode(), String.class),
                "grid", Parameter.fromOrEmpty(need.gridCode(), String.class)));
        values.putAll(Map.of("wTeam", weights.team(), "wSkill", weights.skill(), "wProximity", weights.proximity(),
                "wLoad", weights.load(), "wFairness", weights.fairness(), "wRating", weights.rating(),
                "reach", Scoring.REACH_METRES, "busy", Scoring.BUSY_HOURS, "earth", Scoring.EARTH_RADIUS_METRES));
        // The rule's teams and skills are a handful: spelled out as terms, so no row runs a subquery of its own.
        List<String> teamTerms = new ArrayList<>();
        for (int n = 0; n < need.teams().size(); n++) {
            teamTerms.add("WHEN :team%d = ANY(v.teams) THEN %d".formatted(n, n));
            values.put("team" + n, need.teams().get(n));
        }
        List<String> skillChecks = new ArrayList<>();
        List<String> skillFits = new ArrayList<>();
        int skillNo = 0;
        for (Map.Entry<String, Integer> required : need.requiredSkills().entrySet()) {
            skillChecks.add("AND coalesce((v.skills ->> :skill%1$d)::int, 0) >= :level%1$d".formatted(skillNo));
            skillFits.add("least(1, coalesce((c.skills ->> :skill%d)::int, 0) / 5.0::float8)".formatted(skillNo));
            values.put("skill" + skillNo, required.getKey());
            values.put("level" + skillNo, required.getValue());
            skillNo++;
        }
        String teamFit = need.teams().size() <= 1 ? "1" : "1 - c.team_index::float8 / %d".formatted(need.teams().size() - 1);
        String skillFit = skillFits.isEmpty() ? "1" : "(%s) / %d".formatted(String.join(" + ", skillFits), skillFits.size());
        return database.sql("""
                        WITH load AS (
                            SELECT o.volunteer_id,
                                   count(*) FILTER (WHERE o.status = ANY(:open)) AS open_orders,
                                   coalesce(sum(o.hours) FILTER (WHERE o.status = :completed
                                                                   AND o.completed_at > :recentSince), 0) AS recent_hours
                            FROM order_offer o JOIN volunteer v ON v.member_id = o.volunteer_id
                            WHERE v.active AND v.teams && :teams
                              AND (o.status = ANY(:open) OR (o.status = :completed AND o.completed_at > :recentSince))
                            GROUP BY o.volunteer_id),
                        candidate AS (
                            SELECT v.member_id, v.teams, v.skills, v.compound_code, v.grid_code, v.max_concurrent, v.availability,
                                   v.rating_sum, v.rating_count, v.home_building, home.latitude, home.longitude,
                                   coalesce(l.open_orders, 0) AS open_orders, coalesce(l.recent_hours, 0) AS recent_hours,
                                   CASE %1$s END AS team_index,
                                   CASE WHEN CAST(:latitude AS float8) IS NOT NULL AND home.latitude IS NOT NULL
                                             AND home.longitude IS NOT NULL
                                        THEN 2 * :earth * asin(least(1, sqrt(
                                                 power(sin(radians(home.latitude - :latitude) / 2), 2)
                                                 + cos(radians(:latitude)) * cos(radians(home.latitude))
                                                   * power(sin(radians(home.longitude - :longitude) / 2), 2)))) END AS metres
                            FROM volunteer v LEFT JOIN load l ON l.volunteer_id = v.member_id
                                 LEFT JOIN building_place home ON home.building = v.home_building
                            WHERE v.active AND v.teams && :teams AND v.member_id IS DISTINCT FROM :requester
                              AND v.member_id IS DISTINCT FROM :submitter
                              AND coalesce(l.open_orders, 0) < v.max_concurrent %2$s
                              AND NOT v.member_id = ANY(ARRAY(SELECT tried.volunteer_id FROM order_offer tried
                                                              WHERE tried.request_id = :request AND tried.status = ANY(:tried))))
                        SELECT c.*, floor((
                                   :wTeam * (%3$s)
                                 + :wSkill * (%4$s)
                                 + :wProximity * CASE
                                       WHEN CAST(:building AS text) IS NOT NULL AND c.home_building = :building THEN 1
                                       WHEN c.metres IS NOT NULL THEN 0.95 * greatest(0, 1 - c.metres / :reach)
                                       WHEN CAST(:compound AS text) IS NOT NULL AND c.compound_code = :compound THEN 0.8
                                       WHEN CAST(:grid AS text) IS NOT NULL AND c.grid_code = :grid THEN 0.4
                                       ELSE 0 END
                                 + :wLoad * (1 - c.open_orders::float8 / c.max_concurrent)
                                 + :wFairness * (1 - least(c.recent_hours::float8, :busy) / :busy)
                                 + :wRating * CASE WHEN c.rating_count = 0 THEN 0.5
                                                   ELSE (c.rating_sum::float8 / c.rating_count - 1) / 4 END
                               ) * 1000 + 0.5) / 1000 AS score
                        FROM candidate c
                        ORDER BY score DESC, c.member_id
                        LIMIT :limit OFFSET :offset""".formatted(String.join(" ", teamTerms), String.join(" ", skillChecks),
                        teamFit, skillFit))
                .bindValues(values)
                .map(row -> new Candidate(new Scoring.Volunteer(row.get("member_id", UUID.class),
                        Arrays.asList(row.get("teams", String[].class)),
                        json.readValue(row.get("skills", Json.class).asString(), SKILLS),
                        emptyToNull(row.get("compound_code", String.class)), row.get("grid_code", String.class),
                        row.get("open_orders", Long.class).intValue(), row.get("max_concurrent", Integer.class),
                        row.get("recent_hours", BigDecimal.class).doubleValue(),
                        row.get("rating_count", Integer.class) == 0 ? null
                                : (double) row.get("rating_sum", Integer.class) / row.get("rating_count", Integer.class),
                        new Scoring.Place(row.get("home_building", String.class), row.get("latitude", Double.class),
                                row.get("longitude", Double.class))),
                        json.readValue(row.get("availability", Json.class).asString(), Availability.class),
                        row.get("score", Double.class)))
                .all();
    }

    /** The place with its building's coordinates when it has none of its own and the building is on the map. */
    Mono<Scoring.Place> located(Scoring.Place place) {
        if (place.latitude() != null || place.building() == null) {
            return Mono.just(place);
        }
        return database.sql("SELECT latitude, longitude FROM building_place WHERE building = :building")
                .bind("building", place.building())
                .map(row -> new Scoring.Place(place.building(), row.get("latitude", Double.class), row.get("longitude", Double.class)))
                .one().defaultIfEmpty(place);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
