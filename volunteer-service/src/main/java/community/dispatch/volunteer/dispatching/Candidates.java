package community.dispatch.volunteer.dispatching;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what a dispatch decision needs — the request's dispatch row and rule, the volunteers who
 * could take it with their load, hours and ratings — and ranks them with {@link Scoring}.
 */
@Component
@EnableConfigurationProperties(Scoring.Weights.class)
public class Candidates {

    static final ZoneId COMMUNITY = ZoneId.of("Asia/Shanghai");
    private static final TypeReference<Map<String, Integer>> SKILLS = new TypeReference<>() { };

    /** A request being dispatched, with its rule. */
    public record OpenDispatch(String status, int offersMade, String urgency, List<String> teams, int maxOffers,
            Duration timeout, String mode, Map<String, Integer> requiredSkills, String compoundCode, String gridCode) {
    }

    private final DatabaseClient database;
    private final JsonMapper json;
    private final Scoring.Weights weights;

    public Candidates(DatabaseClient database, JsonMapper json, Scoring.Weights weights) {
        this.database = database;
        this.json = json;
        this.weights = weights;
    }

    /** The request's dispatch row, locked for the rest of the transaction, with its rule. */
    public Mono<OpenDispatch> openDispatch(UUID requestId) {
        return database.sql("""
                        SELECT d.status, d.offers_made, d.urgency, d.compound_code, d.grid_code, r.teams, r.max_offers,
                               r.timeout_emergency, r.timeout_urgent, r.timeout_normal, r.mode, r.required_skills
                        FROM dispatch d LEFT JOIN dispatch_rule r ON r.category_code = d.category_code
                        WHERE d.request_id = :id FOR UPDATE OF d""")
                .bind("id", requestId)
                .map(row -> {
                    String[] teams = row.get("teams", String[].class);
                    Json skills = row.get("required_skills", Json.class);
                    String urgency = row.get("urgency", String.class);
                    Integer seconds = switch (urgency) {
                        case "EMERGENCY" -> row.get("timeout_emergency", Integer.class);
                        case "URGENT" -> row.get("timeout_urgent", Integer.class);
                        default -> row.get("timeout_normal", Integer.class);
                    };
                    Integer maxOffers = row.get("max_offers", Integer.class);
                    String mode = row.get("mode", String.class);
                    return new OpenDispatch(row.get("status", String.class), row.get("offers_made", Integer.class), urgency,
                            teams == null ? List.of() : Arrays.asList(teams), maxOffers == null ? 5 : maxOffers,
                            Duration.ofSeconds(seconds == null ? 3600 : seconds), mode == null ? "DIRECT" : mode,
                            skills == null ? Map.of() : json.readValue(skills.asString(), SKILLS),
                            row.get("compound_code", String.class), row.get("grid_code", String.class));
                })
                .one();
    }

    /**
     * Who would be offered a request of the category now, best first, with each score's parts — for
     * an administrator to see why. A request id previews that request (its tried volunteers left out).
     */
    public Mono<List<Scoring.Scored>> preview(UUID requestId, String categoryCode, String urgency, String compoundCode,
            String gridCode) {
        Mono<String[]> request = requestId == null
                ? Mono.just(new String[] { categoryCode, urgency, compoundCode, gridCode })
                : database.sql("SELECT category_code, urgency, compound_code, grid_code FROM dispatch WHERE request_id = :id")
                        .bind("id", requestId)
                        .map(row -> new String[] { row.get("category_code", String.class), row.get("urgency", String.class),
                                row.get("compound_code", String.class), row.get("grid_code", String.class) })
                        .one();
        return request.flatMap(what -> database.sql("SELECT teams, required_skills, mode FROM dispatch_rule WHERE category_code = :code")
                        .bind("code", what[0])
                        .map(row -> new OpenDispatch("OPEN", 0, what[1] == null ? "NORMAL" : what[1],
                                Arrays.asList(row.get("teams", String[].class)), 1, Duration.ZERO, row.get("mode", String.class),
                                json.readValue(row.get("required_skills", Json.class).asString(), SKILLS), what[2], what[3]))
                        .one())
                .flatMap(open -> ranked(requestId == null ? UUID.randomUUID() : requestId, open).collectList());
    }

    /**
     * The eligible volunteers who are available now and have not been offered the request yet in this
     * round, best first.
     */
    public Flux<Scoring.Scored> ranked(UUID requestId, OpenDispatch open) {
        Scoring.Need need = new Scoring.Need(open.teams(), open.requiredSkills(), open.compoundCode(), open.gridCode());
        return volunteers(requestId, open.teams(), Instant.now()).collectList()
                .flatMapMany(volunteers -> Flux.fromIterable(Scoring.rank(need, volunteers, weights)));
    }

    private Flux<Scoring.Volunteer> volunteers(UUID requestId, List<String> teams, Instant now) {
        if (teams.isEmpty()) {
            return Flux.empty();
        }
        return database.sql("""
                        WITH load AS (
                            SELECT o.volunteer_id,
                                   count(*) FILTER (WHERE o.status IN ('OFFERED', 'ACCEPTED', 'STARTED')) AS open_orders,
                                   coalesce(sum(o.hours) FILTER (WHERE o.status = 'COMPLETED'
                                                                   AND o.completed_at > now() - interval '30 days'), 0) AS recent_hours
                            FROM order_offer o JOIN volunteer v ON v.member_id = o.volunteer_id
                            WHERE v.active AND v.teams && :teams
                            GROUP BY o.volunteer_id)
                        SELECT v.member_id, v.teams, v.skills, v.compound_code, v.grid_code, v.max_concurrent, v.availability,
                               v.rating_sum, v.rating_count,
                               coalesce(l.open_orders, 0) AS open_orders, coalesce(l.recent_hours, 0) AS recent_hours
                        FROM volunteer v LEFT JOIN load l ON l.volunteer_id = v.member_id
                        WHERE v.active AND v.teams && :teams
                          AND NOT EXISTS (SELECT 1 FROM order_offer tried WHERE tried.request_id = :request
                                            AND tried.volunteer_id = v.member_id
                                            AND tried.status IN ('OFFERED', 'DECLINED', 'EXPIRED', 'ACCEPTED', 'STARTED', 'WITHDRAWN', 'RELEASED'))""")
                .bind("teams", teams.toArray(String[]::new)).bind("request", requestId)
                .map(row -> new Row(new Scoring.Volunteer(row.get("member_id", UUID.class),
                        Arrays.asList(row.get("teams", String[].class)),
                        json.readValue(row.get("skills", Json.class).asString(), SKILLS),
                        emptyToNull(row.get("compound_code", String.class)), row.get("grid_code", String.class),
                        row.get("open_orders", Long.class).intValue(), row.get("max_concurrent", Integer.class),
                        row.get("recent_hours", BigDecimal.class).doubleValue(),
                        row.get("rating_count", Integer.class) == 0 ? null
                                : (double) row.get("rating_sum", Integer.class) / row.get("rating_count", Integer.class)),
                        json.readValue(row.get("availability", Json.class).asString(), Availability.class)))
                .all()
                .filter(row -> row.availability().availableAt(now, COMMUNITY))
                .map(Row::volunteer);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private record Row(Scoring.Volunteer volunteer, Availability availability) {
    }
}
