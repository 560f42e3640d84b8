package community.dispatch.request.requests;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import community.dispatch.request.requests.domain.ServiceRequest;
import community.dispatch.request.requests.domain.Status;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * SQL over {@code request_timeline}, each request's history of moves and notes, and {@code open311_update}, which
 * notes municipal systems posted (by their own id for each).
 */
@Component
@RequiredArgsConstructor
class TimelineStore {

    private final DatabaseClient database;

    Mono<Void> append(UUID requestId, ServiceRequest.Move move) {
        Map<String, Object> values = new HashMap<>(Map.of("id", requestId, "at", move.at(), "actor", move.actor(),
                "to", move.to().name()));
        values.put("from", Parameter.fromOrEmpty(move.from() == null ? null : move.from().name(), String.class));
        values.put("reason", Parameter.fromOrEmpty(move.reason(), String.class));
        return database.sql("""
                        INSERT INTO request_timeline (request_id, at, actor, from_status, to_status, reason)
                        VALUES (:id, :at, :actor, :from, :to, :reason)""")
                .bindValues(values).fetch().rowsUpdated().then();
    }

    /** How often the request was sent round again (重辦). */
    Mono<Long> reopenings(UUID requestId) {
        return database.sql("SELECT count(*) AS reopenings FROM request_timeline WHERE request_id = :id AND to_status = :reopened")
                .bind("id", requestId).bind("reopened", Status.REOPENED.name())
                .map(row -> row.get("reopenings", Long.class)).one();
    }

    Flux<TimelineEntry> timeline(UUID requestId) {
        return database.sql("SELECT at, actor, from_status, to_status, reason FROM request_timeline WHERE request_id = :id ORDER BY seq")
                .bind("id", requestId)
                .map(row -> {
                    String from = row.get("from_status", String.class);
                    return new TimelineEntry(row.get("at", Instant.class), row.get("actor", String.class),
                            from == null ? null : Status.valueOf(from), Status.valueOf(row.get("to_status", String.class)),
                            row.get("reason", String.class));
                })
                .all();
    }

    /** Puts the words a person chose to publish on the request's latest move to {@code status}. */
    Mono<Void> publishNote(UUID id, Status status, String text) {
        return database.sql("""
                        UPDATE request_timeline SET public_note = :text
                        WHERE request_id = :id AND seq = (SELECT max(seq) FROM request_timeline WHERE request_id = :id AND to_status = :status)""")
                .bind("id", id).bind("status", status.name()).bind("text", text).fetch().rowsUpdated().then();
    }

    /** The timeline entry an update a municipal system posted before became, by the system's own id for it. */
    Mono<Long> postedBefore(String clientId, String clientUpdateId) {
        return database.sql("SELECT timeline_seq FROM open311_update WHERE client_id = :client AND client_update_id = :update")
                .bind("client", clientId).bind("update", clientUpdateId).map(row -> row.get("timeline_seq", Long.class)).one();
    }

    /**
     * Records a municipal system's update as a note on the request's timeline (its status stays) and remembers it by
     * the system's id for it; answers the timeline entry's number. Call within a transaction, the request locked.
     */
    Mono<Long> note(UUID requestId, Status status, String actor, String text, Instant at, String clientId, String clientUpdateId) {
        return database.sql("""
                        INSERT INTO request_timeline (request_id, at, actor, from_status, to_status, reason)
                        VALUES (:id, :at, :actor, :status, :status, :reason) RETURNING seq""")
                .bind("id", requestId).bind("at", at).bind("actor", actor).bind("status", status.name()).bind("reason", text)
                .map(row -> row.get("seq", Long.class)).one()
                .flatMap(seq -> database.sql("""
                                INSERT INTO open311_update (client_id, client_update_id, request_id, timeline_seq)
                                VALUES (:client, :update, :id, :seq)""")
                        .bind("client", clientId).bind("update", clientUpdateId).bind("id", requestId).bind("seq", seq)
                        .fetch().rowsUpdated().thenReturn(seq));
    }
}
