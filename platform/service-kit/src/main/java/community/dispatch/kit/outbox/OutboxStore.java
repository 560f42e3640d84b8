package community.dispatch.kit.outbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * The SQL over the outbox: {@code outbox_event}, every event recorded (the log stream replay reads), and
 * {@code outbox_pending}, those still to publish (the relay's queue: claimed, then deleted once published). Each
 * method runs in the caller's transaction.
 */
@RequiredArgsConstructor
public class OutboxStore {

    private final DatabaseClient database;

    /** Adds an event to the outbox — its log and its queue — in the caller's transaction. */
    public Mono<Long> append(UUID id, String topic, String key, String type, byte[] payload) {
        return database.sql("""
                        WITH event AS (
                            INSERT INTO outbox_event (id, topic, message_key, event_type, payload)
                            VALUES (:id, :topic, :key, :type, :payload)
                            RETURNING id, seq, topic, message_key)
                        INSERT INTO outbox_pending (id, seq, topic, message_key)
                        SELECT id, seq, topic, message_key FROM event""")
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
        // One pass over the queue finds each key's oldest event; only those rows are then locked, by key lookup. A
        // correlated "no earlier one of the key" check per row was planned for the near-empty table the statistics
        // usually see, and became a scan of the queue per row once thousands waited.
        return database.sql("""
                        WITH head AS (
                            SELECT id, seq, followed FROM (
                                SELECT DISTINCT ON (topic, message_key) id, seq, next_attempt_at,
                                       count(*) OVER (PARTITION BY topic, message_key) > 1 AS followed
                                FROM outbox_pending
                                ORDER BY topic, message_key, seq) oldest
                            WHERE next_attempt_at <= now()
                            ORDER BY seq
                            LIMIT :limit)
                        SELECT p.id, p.topic, p.message_key, e.event_type, e.payload, p.attempts,
                               e.payload->>'traceparent' AS traceparent, e.payload->>'tracestate' AS tracestate, head.followed
                        FROM outbox_pending p JOIN head ON head.id = p.id JOIN outbox_event e ON e.id = p.id
                        WHERE p.id = ANY(ARRAY(SELECT id FROM head))
                        ORDER BY p.seq
                        FOR UPDATE OF p SKIP LOCKED""")
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
                               COALESCE(EXTRACT(EPOCH FROM now() - min(e.created_at)), 0)::float8 AS oldest
                        FROM outbox_pending p JOIN outbox_event e ON e.id = p.id""")
                .map((row, meta) -> new Backlog(row.get("pending", Long.class), row.get("oldest", Double.class)))
                .one();
    }

    /** The outbox's unpublished events: how many, and the age of the oldest in seconds. */
    public record Backlog(long pending, double oldestSeconds) {
    }

    /** Takes published events off the queue; the log keeps them. */
    public Mono<Long> markPublished(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(0L);
        }
        return database.sql("DELETE FROM outbox_pending WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .fetch()
                .rowsUpdated();
    }

    /** Puts a failed event back with a later due time: {@code initial * 2^attempts}, at most {@code max}. */
    public Mono<Long> markFailed(PendingEvent event, String error, Duration initial, Duration max) {
        long backoffMillis = Math.min(max.toMillis(), initial.toMillis() << Math.min(event.attempts(), 30));
        return database.sql("""
                        UPDATE outbox_pending
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
}
