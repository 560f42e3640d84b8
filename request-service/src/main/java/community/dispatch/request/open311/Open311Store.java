package community.dispatch.request.open311;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import community.dispatch.request.catalogue.Urgency;
import community.dispatch.request.requests.domain.Channel;
import community.dispatch.request.requests.domain.Status;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL of the Open311 reads (requests with their latest move, the timeline as updates) and of posted updates. */
@Component
@RequiredArgsConstructor
class Open311Store {

    private final DatabaseClient database;

    /** A request with what Open311 shows of it, and its latest move. */
    record Row(UUID id, String categoryCode, Status status, Urgency urgency, Channel channel, String compoundCode, String sourceSystem, String externalRef, String details,
            Instant requestedAt, Instant updatedAt, Instant feedbackBy, String teamKey, UUID duplicateOf,
            String lastActor, String lastReason, String lastPublicNote) {
    }

    /** One move of a request, as an update. */
    record Move(long seq, UUID requestId, Instant at, String actor, Status to, String reason, String publicNote, String sourceSystem) {
    }

    /** What a search asks for: ids (then nothing else counts), or categories, a time range and statuses. */
    record Search(List<UUID> ids, String categoryCode, Instant from, Instant to, List<Status> statuses) {
    }

    private static final String WITH_LAST_MOVE = """
            SELECT r.id, r.category_code, r.status, r.urgency, r.channel, r.compound_code, r.source_system, r.external_ref, r.details, r.created_at, r.updated_at,
                   r.feedback_by, r.team_key, r.duplicate_of, t.actor AS last_actor, t.reason AS last_reason,
                   t.public_note AS last_public_note
            FROM service_request r
            LEFT JOIN LATERAL (SELECT actor, reason, public_note FROM request_timeline
                               WHERE request_id = r.id ORDER BY seq DESC LIMIT 1) t ON true
            """;

    Flux<Row> search(Search search, int limit, long offset) {
        Map<String, Object> values = new HashMap<>();
        values.put("ids", Parameter.fromOrEmpty(search.ids() == null ? null : search.ids().toArray(UUID[]::new), UUID[].class));
        values.put("category", Parameter.fromOrEmpty(search.categoryCode(), String.class));
        values.put("from", Parameter.fromOrEmpty(search.from(), Instant.class));
        values.put("to", Parameter.fromOrEmpty(search.to(), Instant.class));
        values.put("statuses", Parameter.fromOrEmpty(search.statuses() == null ? null
                : search.statuses().stream().map(Enum::name).toArray(String[]::new), String[].class));
        return database.sql(WITH_LAST_MOVE + """
                        WHERE (CAST(:ids AS uuid[]) IS NOT NULL AND r.id = ANY(:ids))
                           OR (CAST(:ids AS uuid[]) IS NULL
                               AND (CAST(:category AS text) IS NULL OR r.category_code = :category)
                               AND (CAST(:from AS timestamptz) IS NULL OR r.created_at >= :from)
                               AND (CAST(:to AS timestamptz) IS NULL OR r.created_at <= :to)
                               AND (CAST(:statuses AS text[]) IS NULL OR r.status = ANY(:statuses)))
                        ORDER BY r.created_at DESC, r.id LIMIT :limit OFFSET :offset""")
                .bindValues(values).bind("limit", limit).bind("offset", offset)
                .map(Open311Store::read).all();
    }

    Mono<Row> find(UUID id) {
        return database.sql(WITH_LAST_MOVE + "WHERE r.id = :id").bind("id", id).map(Open311Store::read).one();
    }

    /** Every move of any request between the two instants, oldest first, at most {@code limit}. */
    Flux<Move> moves(Instant from, Instant to, int limit) {
        return database.sql("""
                        SELECT t.seq, t.request_id, t.at, t.actor, t.to_status, t.reason, t.public_note, r.source_system
                        FROM request_timeline t JOIN service_request r ON r.id = t.request_id
                        WHERE t.at >= :from AND t.at <= :to ORDER BY t.at, t.seq LIMIT :limit""")
                .bind("from", from).bind("to", to).bind("limit", limit)
                .map(row -> new Move(row.get("seq", Long.class), row.get("request_id", UUID.class), row.get("at", Instant.class),
                        row.get("actor", String.class), Status.valueOf(row.get("to_status", String.class)),
                        row.get("reason", String.class), row.get("public_note", String.class), row.get("source_system", String.class)))
                .all();
    }

    private static Row read(Readable row) {
        return new Row(row.get("id", UUID.class), row.get("category_code", String.class),
                Status.valueOf(row.get("status", String.class)), Urgency.valueOf(row.get("urgency", String.class)),
                Channel.valueOf(row.get("channel", String.class)), row.get("compound_code", String.class),
                row.get("source_system", String.class), row.get("external_ref", String.class), row.get("details", Json.class).asString(),
                row.get("created_at", Instant.class), row.get("updated_at", Instant.class), row.get("feedback_by", Instant.class),
                row.get("team_key", String.class), row.get("duplicate_of", UUID.class), row.get("last_actor", String.class),
                row.get("last_reason", String.class), row.get("last_public_note", String.class));
    }
}
