package community.dispatch.request.requests;

import java.time.Instant;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import community.dispatch.request.catalogue.Urgency;
import community.dispatch.request.requests.domain.Channel;
import community.dispatch.request.requests.domain.Deadlines;
import community.dispatch.request.requests.domain.ServiceRequest;
import community.dispatch.request.requests.domain.Status;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** SQL over {@code service_request} (its history is {@link TimelineStore}'s). */
@Component
@RequiredArgsConstructor
public class RequestStore {

    private final DatabaseClient database;

    public Mono<Void> insert(ServiceRequest request, String details, String externalRef, String sourceSystem) {
        Map<String, Object> values = new HashMap<>(Map.of("id", request.id(), "requester", request.requesterId(),
                "submittedBy", request.submittedBy(), "channel", request.channel().name(), "category", request.categoryCode(),
                "urgency", request.urgency().name(), "status", request.status().name(), "details", Json.of(details),
                "dispatchBy", request.deadlines().dispatchBy(), "feedbackBy", request.deadlines().feedbackBy()));
        values.put("createdAt", request.submittedAt());
        values.put("grid", Parameter.fromOrEmpty(request.gridCode(), String.class));
        values.put("compound", Parameter.fromOrEmpty(request.compoundCode(), String.class));
        values.put("dueAt", Parameter.fromOrEmpty(request.dueAt(), Instant.class));
        values.put("externalRef", Parameter.fromOrEmpty(externalRef, String.class));
        values.put("sourceSystem", Parameter.fromOrEmpty(sourceSystem, String.class));
        return database.sql("""
                        INSERT INTO service_request (id, requester_id, submitted_by, channel, category_code, urgency, status,
                                                     grid_code, compound_code, details, dispatch_by, feedback_by, due_at,
                                                     external_ref, source_system, created_at)
                        VALUES (:id, :requester, :submittedBy, :channel, :category, :urgency, :status, :grid, :compound,
                                :details, :dispatchBy, :feedbackBy, :dueAt, :externalRef, :sourceSystem, :createdAt)""")
                .bindValues(values).fetch().rowsUpdated().then();
    }

    /** The requester's newest requests' ids, at most {@code limit}. */
    public Flux<UUID> newestOf(String requesterId, int limit) {
        return database.sql("SELECT id FROM service_request WHERE requester_id = :requester ORDER BY created_at DESC LIMIT :limit")
                .bind("requester", requesterId).bind("limit", limit)
                .map(row -> row.get("id", UUID.class)).all();
    }

    /** The grid's requests, newest first. */
    public Flux<UUID> newestInGrid(String grid, int limit) {
        return database.sql("SELECT id FROM service_request WHERE grid_code = :grid ORDER BY created_at DESC LIMIT :limit")
                .bind("grid", grid).bind("limit", limit)
                .map(row -> row.get("id", UUID.class)).all();
    }

    public Mono<StoredRequest> find(UUID id) {
        return database.sql("SELECT * FROM service_request WHERE id = :id").bind("id", id).map(RequestStore::read).one();
    }

    /** The request, locked for the rest of the caller's transaction. */
    public Mono<StoredRequest> lock(UUID id) {
        return database.sql("SELECT * FROM service_request WHERE id = :id FOR UPDATE").bind("id", id)
                .map(RequestStore::read).one();
    }

    public Mono<Void> update(ServiceRequest request) {
        Map<String, Object> values = new HashMap<>(Map.of("id", request.id(), "status", request.status().name(),
                "urgency", request.urgency().name(), "dispatchBy", request.deadlines().dispatchBy(),
                "feedbackBy", request.deadlines().feedbackBy()));
        values.put("dueAt", Parameter.fromOrEmpty(request.dueAt(), Instant.class));
        values.put("rating", Parameter.fromOrEmpty(request.rating(), Integer.class));
        return database.sql("""
                        UPDATE service_request SET status = :status, urgency = :urgency, due_at = :dueAt, rating = :rating,
                               dispatch_by = :dispatchBy, feedback_by = :feedbackBy,
                               version = version + 1, updated_at = now()
                        WHERE id = :id""")
                .bindValues(values).fetch().rowsUpdated().then();
    }

    /**
     * Ids of requests whose timer has passed, locked so another instance's timer skips them. Read whole
     * before any is emitted: the caller writes to each, and a connection runs one statement at a time.
     */
    public Flux<UUID> claimDue(Instant now, int limit) {
        return database.sql("""
                        SELECT id FROM service_request WHERE due_at IS NOT NULL AND due_at <= :now
                        ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("now", now).bind("limit", limit)
                .map(row -> row.get("id", UUID.class)).all()
                .collectList().flatMapIterable(ids -> ids);
    }

    /** The earliest deadline or evaluation window falling due after the given instant. */
    public Mono<Instant> nextDueAfter(Instant after) {
        return database.sql("SELECT min(due_at) AS next FROM service_request WHERE due_at > :after")
                .bind("after", after)
                .map(row -> Optional.ofNullable(row.get("next", Instant.class))).one()
                .flatMap(Mono::justOrEmpty);
    }

    /**
     * Open requests of the same category from the last week in the same building, or within
     * {@code metres} of the given coordinates: what a new request may repeat.
     */
    public Flux<StoredRequest> possibleDuplicates(ServiceRequest request, RequestDetails.Location location, int metres) {
        boolean sameBuilding = location != null && location.buildingCode() != null && request.compoundCode() != null;
        boolean nearby = location != null && location.latitude() != null && location.longitude() != null;
        if (!sameBuilding && !nearby) {
            return Flux.empty();
        }
        Map<String, Object> values = new HashMap<>(Map.of("id", request.id(), "category", request.categoryCode(),
                "since", request.submittedAt().minus(Duration.ofDays(7)), "done", Status.names(Status.DONE),
                "metres", (double) metres));
        values.put("compound", Parameter.fromOrEmpty(sameBuilding ? request.compoundCode() : null, String.class));
        values.put("building", Parameter.fromOrEmpty(sameBuilding ? location.buildingCode() : null, String.class));
        values.put("lat", Parameter.fromOrEmpty(nearby ? location.latitude() : null, Double.class));
        values.put("lng", Parameter.fromOrEmpty(nearby ? location.longitude() : null, Double.class));
        // Equirectangular distance: exact enough at the scale of a neighbourhood.
        return database.sql("""
                        SELECT * FROM service_request
                        WHERE id <> :id AND category_code = :category AND created_at > :since AND status <> ALL(:done)
                          AND ((CAST(:building AS text) IS NOT NULL AND compound_code = :compound
                                AND details->'location'->>'buildingCode' = :building)
                            OR (CAST(:lat AS float8) IS NOT NULL AND details->'location'->>'latitude' IS NOT NULL AND sqrt(
                                power(((details->'location'->>'latitude')::float8 - :lat) * 110574, 2) +
                                power(((details->'location'->>'longitude')::float8 - :lng) * 111320 * cos(radians(:lat)), 2)) <= :metres))
                        ORDER BY created_at DESC LIMIT 20""")
                .bindValues(values).map(RequestStore::read).all();
    }

    public Mono<Void> setTeam(UUID id, String teamKey) {
        return database.sql("UPDATE service_request SET team_key = :team WHERE id = :id")
                .bind("id", id).bind("team", teamKey).fetch().rowsUpdated().then();
    }

    public Mono<Void> markDuplicate(UUID id, UUID original) {
        return database.sql("UPDATE service_request SET duplicate_of = :original WHERE id = :id")
                .bind("id", id).bind("original", original).fetch().rowsUpdated().then();
    }

    public Mono<UUID> byExternalReference(String sourceSystem, String externalRef) {
        return database.sql("SELECT id FROM service_request WHERE source_system = :source AND external_ref = :ref")
                .bind("source", sourceSystem).bind("ref", externalRef).map(row -> row.get("id", UUID.class)).one();
    }

    /** A page of the requests the filter selects, newest first; "overdue" is judged at {@code now}. */
    public Flux<StoredRequest> page(RequestFilter filter, Instant now, int page, int size) {
        return database.sql("SELECT * FROM service_request WHERE " + MATCHES_FILTER
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .bindValues(filterValues(filter, now)).bind("limit", size).bind("offset", (long) page * size)
                .map(RequestStore::read).all();
    }

    public Mono<Long> count(RequestFilter filter, Instant now) {
        return database.sql("SELECT count(*) AS n FROM service_request WHERE " + MATCHES_FILTER)
                .bindValues(filterValues(filter, now)).map(row -> row.get("n", Long.class)).one();
    }

    /** Every criterion of a {@link RequestFilter}; one left out (null) matches everything. */
    private static final String MATCHES_FILTER = """
            (CAST(:requester AS text) IS NULL OR requester_id = :requester)
            AND (CAST(:grid AS text) IS NULL OR grid_code = :grid)
            AND (CAST(:grids AS text[]) IS NULL OR grid_code = ANY(:grids))
            AND (CAST(:status AS text) IS NULL OR status = :status)
            AND (CAST(:category AS text) IS NULL OR category_code = :category)
            AND (CAST(:compound AS text) IS NULL OR compound_code = :compound)
            AND (CAST(:urgency AS text) IS NULL OR urgency = :urgency)
            AND (CAST(:from AS timestamptz) IS NULL OR created_at >= :from)
            AND (CAST(:to AS timestamptz) IS NULL OR created_at < :to)
            AND (NOT :overdue OR (status <> ALL(:done) AND (status = :escalated OR due_at < :now)))""";

    private static Map<String, Object> filterValues(RequestFilter filter, Instant now) {
        Map<String, Object> values = new HashMap<>();
        values.put("requester", Parameter.fromOrEmpty(filter.requesterId(), String.class));
        values.put("grid", Parameter.fromOrEmpty(filter.gridCode(), String.class));
        values.put("grids", Parameter.fromOrEmpty(filter.grids() == null ? null : filter.grids().toArray(String[]::new),
                String[].class));
        values.put("status", Parameter.fromOrEmpty(filter.status() == null ? null : filter.status().name(), String.class));
        values.put("category", Parameter.fromOrEmpty(filter.categoryCode(), String.class));
        values.put("compound", Parameter.fromOrEmpty(filter.compoundCode(), String.class));
        values.put("urgency", Parameter.fromOrEmpty(filter.urgency() == null ? null : filter.urgency().name(), String.class));
        values.put("from", Parameter.fromOrEmpty(filter.from(), Instant.class));
        values.put("to", Parameter.fromOrEmpty(filter.to(), Instant.class));
        values.put("overdue", Boolean.TRUE.equals(filter.overdue()));
        values.put("done", Status.names(Status.DONE));
        values.put("escalated", Status.ESCALATED.name());
        values.put("now", now);
        return values;
    }

    private static StoredRequest read(Readable row) {
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
                new Deadlines(row.get("dispatch_by", Instant.class), row.get("feedback_by", Instant.class)),
                row.get("due_at", Instant.class),
                row.get("rating", Integer.class),
                row.get("created_at", Instant.class),
                row.get("version", Long.class));
        return new StoredRequest(request, row.get("details", Json.class).asString(), row.get("external_ref", String.class),
                row.get("source_system", String.class), row.get("duplicate_of", UUID.class));
    }
}
