package community.dispatch.volunteer.dispatching;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

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
 * another order, with their load, recent hours and ratings, leaving out those already tried in this
 * round and those who did the request before (a request reopened after a low rating goes to someone else, and
 * is never paid twice). Only open orders and recent hours are aggregated, so old orders cost nothing.
 */
@Component
@RequiredArgsConstructor
class CandidateStore {

    /** How far back hours served count towards fairness. */
    static final Duration RECENT = Duration.ofDays(30);
    private static final TypeReference<Map<String, Integer>> SKILLS = new TypeReference<>() { };

    /** A volunteer as scoring sees them, with when they can be asked. */
    record Candidate(Scoring.Volunteer volunteer, Availability availability) {
    }

    private final DatabaseClient database;
    private final JsonMapper json;

    /** Volunteers of the teams not yet tried for the request, leaving out its requester and who entered it for them. */
    Flux<Candidate> untried(UUID requestId, UUID requesterId, UUID submittedBy, List<String> teams, Instant now) {
        if (teams.isEmpty()) {
            return Flux.empty();
        }
        return database.sql("""
                        WITH load AS (
                            SELECT o.volunteer_id,
                                   count(*) FILTER (WHERE o.status = ANY(:open)) AS open_orders,
                                   coalesce(sum(o.hours) FILTER (WHERE o.status = :completed
                                                                   AND o.completed_at > :recentSince), 0) AS recent_hours
                            FROM order_offer o JOIN volunteer v ON v.member_id = o.volunteer_id
                            WHERE v.active AND v.teams && :teams
                              AND (o.status = ANY(:open) OR (o.status = :completed AND o.completed_at > :recentSince))
                            GROUP BY o.volunteer_id)
                        SELECT v.member_id, v.teams, v.skills, v.compound_code, v.grid_code, v.max_concurrent, v.availability,
                               v.rating_sum, v.rating_count, v.home_building, home.latitude, home.longitude,
                               coalesce(l.open_orders, 0) AS open_orders, coalesce(l.recent_hours, 0) AS recent_hours
                        FROM volunteer v LEFT JOIN load l ON l.volunteer_id = v.member_id
                             LEFT JOIN building_place home ON home.building = v.home_building
                        WHERE v.active AND v.teams && :teams AND v.member_id IS DISTINCT FROM :requester
                          AND v.member_id IS DISTINCT FROM :submitter
                          AND coalesce(l.open_orders, 0) < v.max_concurrent
                          AND NOT EXISTS (SELECT 1 FROM order_offer tried WHERE tried.request_id = :request
                                            AND tried.volunteer_id = v.member_id AND tried.status = ANY(:tried))""")
                .bindValues(Map.of("teams", teams.toArray(String[]::new), "request", requestId,
                        "open", OrderStatus.names(OrderStatus.OPEN), "tried", OrderStatus.names(OrderStatus.NOT_AGAIN),
                        "completed", OrderStatus.COMPLETED.name(), "recentSince", now.minus(RECENT),
                        "requester", Parameter.fromOrEmpty(requesterId, UUID.class),
                        "submitter", Parameter.fromOrEmpty(submittedBy, UUID.class)))
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
                        json.readValue(row.get("availability", Json.class).asString(), Availability.class)))
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
