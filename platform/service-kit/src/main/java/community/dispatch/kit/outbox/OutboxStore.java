package community.dispatch.kit.outbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code outbox_event}: appending for the outbox, claiming and marking for the relay. Each method runs in the caller's transaction. */
@RequiredArgsConstructor
public class OutboxStore {

    private final DatabaseClient database;

    /** Adds an event to the outbox, in the caller's transaction. */
    public Mono<Long> append(UUID id, String topic, String key, String type, byte[] payload) {
        return database.sql("""
                        INSERT INTO outbox_event (id, topic, message_key, event_type, payload)
                        VALUES (:id, :topic, :key, :type, :payload)""")
                .bind("id", id)
                .bind("topic", topic)
                .bind("key", key)
                .bind("type", type)
                .bind("payload", Json.of(payload))
                .fetch()
                .rowsUpdated();
    }

    /**
     * Locks up to {@code limit} events that are due, skipping rows other relays hold. Only the
     * oldest pending event of each key is eligible, so a key's events leave in the order they were
     * recorded even when several relays run at once; each says whether a later one of its key waits.
     */
    public Flux<PendingEvent> claim(int limit) {
        return database.sql("""
                        SELECT e.id, e.topic, e.message_key, e.event_type, e.payload, e.attempts,
                               e.payload->>'traceparent' AS traceparent, e.payload->>'tracestate' AS tracestate,
                               EXISTS (SELECT 1 FROM outbox_event later
                                       WHERE later.published_at IS NULL
                                         AND later.topic = e.topic
                                         AND later.message_key = e.message_key
                                         AND later.seq > e.seq) AS followed
                        FROM outbox_event e
                        WHERE e.published_at IS NULL
                          AND e.next_attempt_at <= now()
                          AND NOT EXISTS (SELECT 1 FROM outbox_event earlier
                                          WHERE earlier.published_at IS NULL
                                            AND earlier.topic = e.topic
                                            AND earlier.message_key = e.message_key
                                            AND earlier.seq < e.seq)
                        ORDER BY e.seq
                        LIMIT :limit
                        FOR UPDATE OF e SKIP LOCKED""")
                .bind("limit", limit)
                .map((row, meta) -> new PendingEvent(row.get("id", UUID.class), row.get("topic", String.class),
                        row.get("message_key", String.class), row.get("event_type", String.class),
                        row.get("payload", Json.class).asArray(), row.get("attempts", Integer.class),
                        row.get("traceparent", String.class), row.get("tracestate", String.class),
                        row.get("followed", Boolean.class)))
                .all();
    }

    /** How many events wait to be published, and for how many seconds the oldest has (0 when none). */
    public Mono<Backlog> backlog() {
        return database.sql("""
                        SELECT count(*) AS pending,
                               COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest
                        FROM outbox_event
                        WHERE published_at IS NULL""")
                .map((row, meta) -> new Backlog(row.get("pending", Long.class), row.get("oldest", Double.class)))
                .one();
    }

    /** The outbox's unpublished events: how many, and the age of the oldest in seconds. */
    public record Backlog(long pending, double oldestSeconds) {
    }

    public Mono<Long> markPublished(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(0L);
        }
        return database.sql("""
                        UPDATE outbox_event
                        SET published_at = now(), attempts = attempts + 1, last_error = NULL
                        WHERE id = ANY(:ids)""")
                .bind("ids", ids.toArray(UUID[]::new))
                .fetch()
                .rowsUpdated();
    }

    /** Puts a failed event back with a later due time: {@code initial * 2^attempts}, at most {@code max}. */
    public Mono<Long> markFailed(PendingEvent event, String error, Duration initial, Duration max) {
        long backoffMillis = Math.min(max.toMillis(), initial.toMillis() << Math.min(event.attempts(), 30));
        return database.sql("""
                        UPDATE outbox_event
                        SET attempts = attempts + 1,
                            last_error = :error,
                            next_attempt_at = now() + make_interval(secs => :backoff / 1000.0)
                        WHERE id = :id""")
                .bind("error", error)
                .bind("backoff", backoffMillis)
                .bind("id", event.id())
                .fetch()
                .rowsUpdated();
    }

    public Mono<Long> purgePublishedBefore(Duration age) {
        return database.sql("""
                        DELETE FROM outbox_event
                        WHERE published_at IS NOT NULL
                          AND published_at < now() - make_interval(secs => :seconds)""")
                .bind("seconds", age.toSeconds())
                .fetch()
                .rowsUpdated();
    }
}
