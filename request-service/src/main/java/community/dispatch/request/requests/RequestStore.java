package community.dispatch.request.requests;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL over {@code service_request} and {@code request_timeline}. */
@Component
public class RequestStore {

    private final DatabaseClient database;

    public RequestStore(DatabaseClient database) {
        this.database = database;
    }

    /** A request with what the requester said ({@code details}, JSON). */
    public record Stored(ServiceRequest request, String details, String externalRef, String sourceSystem,
            UUID duplicateOf) {
    }

    public record TimelineEntry(Instant at,
            @Schema(example = "7cbbd5a5-03b4-301f-bd62-6e91495dacd1", description = "Who moved it: a member id, or system") String actor,
            Status from, Status to, @Schema(example = "Accepted by a volunteer of team angel") String reason) {
    }

    public record Filter(String requesterId, String gridCode, Status status, String categoryCode, String compoundCode,
            Urgency urgency, Boolean overdue, Instant from, Instant to) {
    }

    public Mono<Void> insert(ServiceRequest request, String details, String externalRef, String sourceSystem) {
        GenericExecuteSpec spec = database.sql("""
                        INSERT INTO service_request (id, requester_id, submitted_by, channel, category_code, urgency, status,
                                                     grid_code, compound_code, details, dispatch_by, feedback_by, due_at,
                                                     external_ref, source_system, created_at)
                        VALUES (:id, :requester, :submittedBy, :channel, :category, :urgency, :status, :grid, :compound,
                                :details, :dispatchBy, :feedbackBy, :dueAt, :externalRef, :sourceSystem, :createdAt)""")
                .bind("id", request.id())
                .bind("requester", request.requesterId())
                .bind("submittedBy", request.submittedBy())
                .bind("channel", request.channel().name())
                .bind("category", request.categoryCode())
                .bind("urgency", request.urgency().name())
                .bind("status", request.status().name())
                .bind("details", Json.of(details))
                .bind("dispatchBy", utc(request.deadlines().dispatchBy()))
                .bind("feedbackBy", utc(request.deadlines().feedbackBy()))
                .bind("createdAt", utc(request.submittedAt()));
        spec = nullable(spec, "grid", request.gridCode());
        spec = nullable(spec, "compound", request.compoundCode());
        spec = request.dueAt() == null ? spec.bindNull("dueAt", OffsetDateTime.class) : spec.bind("dueAt", utc(request.dueAt()));
        spec = nullable(spec, "externalRef", externalRef);
        spec = nullable(spec, "sourceSystem", sourceSystem);
        return spec.fetch().rowsUpdated().then();
    }

    public Mono<Stored> find(UUID id) {
        return database.sql("SELECT * FROM service_request WHERE id = :id").bind("id", id).map(RequestStore::read).one();
    }

    /** The request, locked for the rest of the caller's transaction. */
    public Mono<Stored> lock(UUID id) {
        return database.sql("SELECT * FROM service_request WHERE id = :id FOR UPDATE").bind("id", id)
                .map(RequestStore::read).one();
    }

    public Mono<Void> update(ServiceRequest request) {
        GenericExecuteSpec spec = database.sql("""
                        UPDATE service_request SET status = :status, urgency = :urgency, due_at = :dueAt, rating = :rating,
                               dispatch_by = :dispatchBy, feedback_by = :feedbackBy,
                               version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .bind("id", request.id())
                .bind("status", request.status().name())
                .bind("urgency", request.urgency().name())
                .bind("dispatchBy", utc(request.deadlines().dispatchBy()))
                .bind("feedbackBy", utc(request.deadlines().feedbackBy()));
        spec = request.dueAt() == null ? spec.bindNull("dueAt", OffsetDateTime.class) : spec.bind("dueAt", utc(request.dueAt()));
        spec = request.rating() == null ? spec.bindNull("rating", Integer.class) : spec.bind("rating", request.rating());
        return spec.fetch().rowsUpdated().then();
    }

    public Mono<Void> append(UUID requestId, ServiceRequest.Move move) {
        GenericExecuteSpec spec = database.sql("""
                        INSERT INTO request_timeline (request_id, at, actor, from_status, to_status, reason)
                        VALUES (:id, :at, :actor, :from, :to, :reason)""")
                .bind("id", requestId).bind("at", utc(move.at())).bind("actor", move.actor())
                .bind("to", move.to().name());
        spec = nullable(spec, "from", move.from() == null ? null : move.from().name());
        spec = nullable(spec, "reason", move.reason());
        return spec.fetch().rowsUpdated().then();
    }

    public Flux<TimelineEntry> timeline(UUID requestId) {
        return database.sql("SELECT at, actor, from_status, to_status, reason FROM request_timeline WHERE request_id = :id ORDER BY seq")
                .bind("id", requestId)
                .map(row -> {
                    String from = row.get("from_status", String.class);
                    return new TimelineEntry(row.get("at", OffsetDateTime.class).toInstant(), row.get("actor", String.class),
                            from == null ? null : Status.valueOf(from), Status.valueOf(row.get("to_status", String.class)),
                            row.get("reason", String.class));
                })
                .all();
    }

    /** Ids of requests whose timer has passed, locked so another instance's timer skips them. */
    public Flux<UUID> claimDue(Instant now, int limit) {
        return database.sql("""
                        SELECT id FROM service_request WHERE due_at IS NOT NULL AND due_at <= :now
                        ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("now", utc(now)).bind("limit", limit)
                .map(row -> row.get("id", UUID.class)).all();
    }

    /**
     * Open requests of the same category from the last week in the same building, or within
     * {@code metres} of the given coordinates: what a new request may repeat.
     */
    public Flux<Stored> possibleDuplicates(ServiceRequest request, RequestDetails.Location location, int metres) {
        List<String> near = new ArrayList<>();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (location != null && location.buildingCode() != null && request.compoundCode() != null) {
            near.add("(compound_code = :compound AND details->'location'->>'buildingCode' = :building)");
            parameters.put("compound", request.compoundCode());
            parameters.put("building", location.buildingCode());
        }
        if (location != null && location.latitude() != null && location.longitude() != null) {
            // Equirectangular distance: exact enough at the scale of a neighbourhood.
            near.add("""
                    (details->'location'->>'latitude' IS NOT NULL AND sqrt(
                        power(((details->'location'->>'latitude')::float8 - :lat) * 110574, 2) +
                        power(((details->'location'->>'longitude')::float8 - :lng) * 111320 * cos(radians(:lat)), 2)) <= :metres)""");
            parameters.put("lat", location.latitude());
            parameters.put("lng", location.longitude());
            parameters.put("metres", (double) metres);
        }
        if (near.isEmpty()) {
            return Flux.empty();
        }
        GenericExecuteSpec spec = database.sql("""
                        SELECT * FROM service_request
                        WHERE id <> :id AND category_code = :category AND created_at > now() - interval '7 days'
                          AND status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED', 'REJECTED')
                          AND (""" + String.join(" OR ", near) + ") ORDER BY created_at DESC LIMIT 20")
                .bind("id", request.id()).bind("category", request.categoryCode());
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            spec = spec.bind(parameter.getKey(), parameter.getValue());
        }
        return spec.map(RequestStore::read).all();
    }

    public Mono<Void> setTeam(UUID id, String teamKey) {
        return database.sql("UPDATE service_request SET team_key = :team WHERE id = :id")
                .bind("id", id).bind("team", teamKey).fetch().rowsUpdated().then();
    }

    public Mono<Void> markDuplicate(UUID id, UUID original) {
        return database.sql("UPDATE service_request SET duplicate_of = :original WHERE id = :id")
                .bind("id", id).bind("original", original).fetch().rowsUpdated().then();
    }

    public Mono<UUID> idempotent(String caller, String key) {
        return database.sql("SELECT request_id FROM request_idempotency WHERE caller = :caller AND key = :key")
                .bind("caller", caller).bind("key", key).map(row -> row.get("request_id", UUID.class)).one();
    }

    public Mono<Void> rememberIdempotent(String caller, String key, UUID requestId) {
        return database.sql("INSERT INTO request_idempotency (caller, key, request_id) VALUES (:caller, :key, :id)")
                .bind("caller", caller).bind("key", key).bind("id", requestId).fetch().rowsUpdated().then();
    }

    public Mono<UUID> byExternalReference(String sourceSystem, String externalRef) {
        return database.sql("SELECT id FROM service_request WHERE source_system = :source AND external_ref = :ref")
                .bind("source", sourceSystem).bind("ref", externalRef).map(row -> row.get("id", UUID.class)).one();
    }

    public Flux<Stored> page(Filter filter, int page, int size) {
        Where where = where(filter);
        GenericExecuteSpec spec = database.sql("SELECT * FROM service_request" + where.sql()
                + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .bind("limit", size).bind("offset", (long) page * size);
        for (Map.Entry<String, Object> parameter : where.parameters().entrySet()) {
            spec = spec.bind(parameter.getKey(), parameter.getValue());
        }
        return spec.map(RequestStore::read).all();
    }

    public Mono<Long> count(Filter filter) {
        Where where = where(filter);
        GenericExecuteSpec spec = database.sql("SELECT count(*) AS n FROM service_request" + where.sql());
        for (Map.Entry<String, Object> parameter : where.parameters().entrySet()) {
            spec = spec.bind(parameter.getKey(), parameter.getValue());
        }
        return spec.map(row -> row.get("n", Long.class)).one();
    }

    private static Where where(Filter filter) {
        StringBuilder sql = new StringBuilder(" WHERE true");
        Map<String, Object> parameters = new LinkedHashMap<>();
        add(sql, parameters, "requester_id = :requester", "requester", filter.requesterId());
        add(sql, parameters, "grid_code = :grid", "grid", filter.gridCode());
        add(sql, parameters, "status = :status", "status", filter.status() == null ? null : filter.status().name());
        add(sql, parameters, "category_code = :category", "category", filter.categoryCode());
        add(sql, parameters, "compound_code = :compound", "compound", filter.compoundCode());
        add(sql, parameters, "urgency = :urgency", "urgency", filter.urgency() == null ? null : filter.urgency().name());
        add(sql, parameters, "created_at >= :from", "from", filter.from() == null ? null : utc(filter.from()));
        add(sql, parameters, "created_at < :to", "to", filter.to() == null ? null : utc(filter.to()));
        if (Boolean.TRUE.equals(filter.overdue())) {
            sql.append(" AND status NOT IN ('RESOLVED', 'CLOSED', 'CANCELLED', 'REJECTED')")
                    .append(" AND (status = 'ESCALATED' OR (due_at IS NOT NULL AND due_at < now()))");
        }
        return new Where(sql.toString(), parameters);
    }

    private static void add(StringBuilder sql, Map<String, Object> parameters, String condition, String name, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            parameters.put(name, value);
        }
    }

    private static GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Stored read(Readable row) {
        OffsetDateTime due = row.get("due_at", OffsetDateTime.class);
        ServiceRequest request = new ServiceRequest(
                row.get("id", UUID.class),
                row.get("requester_id", String.class),
                row.get("submitted_by", String.class),
                Channel.valueOf(row.get("channel", String.class)),
                row.get("category_code", String.class),
                Urgency.valueOf(row.get("urgency", String.class)),
                Status.valueOf(row.get("status", String.class)),
                row.get("grid_code", String.class),
                row.get("compound_code", String.class),
                new Deadlines(row.get("dispatch_by", OffsetDateTime.class).toInstant(),
                        row.get("feedback_by", OffsetDateTime.class).toInstant()),
                due == null ? null : due.toInstant(),
                row.get("rating", Integer.class),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("version", Long.class));
        return new Stored(request, row.get("details", Json.class).asString(), row.get("external_ref", String.class),
                row.get("source_system", String.class), row.get("duplicate_of", UUID.class));
    }

    private record Where(String sql, Map<String, Object> parameters) {
    }
}
