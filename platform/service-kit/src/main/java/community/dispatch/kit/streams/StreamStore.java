package community.dispatch.kit.streams;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.EventCodec;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * What a resuming stream missed, read from the service's outbox: every event it recorded is kept there
 * for {@code dispatch.outbox.retention} after it was published.
 */
@RequiredArgsConstructor
public class StreamStore {

    private final DatabaseClient database;
    private final EventCodec codec;

    /** Where the event a client saw last was recorded; empty when the outbox does not (or no longer) have it. */
    Mono<Mark> find(String eventId) {
        UUID id;
        try {
            id = UUID.fromString(eventId.trim());
        }
        catch (IllegalArgumentException notOurs) {
            return Mono.empty();
        }
        return database.sql("SELECT seq, created_at FROM outbox_event WHERE id = :id")
                .bind("id", id)
                .map((row, meta) -> new Mark(id, row.get("seq", Long.class), row.get("created_at", OffsetDateTime.class)))
                .one();
    }

    /**
     * The events of the interest recorded after the mark (those about an aggregate the stream starts following
     * during the replay are told live from then on), and those recorded up to {@code overlap} before it
     * (but the mark itself), in the order they were recorded; at most {@code limit}.
     */
    Flux<CloudEvent> since(Mark mark, Interest interest, Duration overlap, int limit) {
        return database.sql("""
                        SELECT payload FROM outbox_event
                        WHERE topic = :topic AND (%s OR message_key = ANY(:keys)) AND id <> :id
                          AND (seq > :seq OR created_at >= :at - make_interval(secs => :overlap))
                        ORDER BY seq
                        LIMIT :limit""".formatted(naming(interest)))
                .bind("topic", interest.topic())
                .bind("value", interest.value())
                .bind("keys", interest.keys())
                .bind("id", mark.id())
                .bind("seq", mark.seq())
                .bind("at", mark.recordedAt())
                .bind("overlap", (double) overlap.toMillis() / 1000)
                .bind("limit", limit)
                .map((row, meta) -> codec.fromStructured(row.get("payload", Json.class).asArray()))
                .all();
    }

    /** The SQL for "the data names the value": a field equal to it (by its index), or a list holding it. */
    private static String naming(Interest interest) {
        return interest.fields().stream()
                .map(field -> "payload->'data'->>'%1$s' = :value OR payload->'data'->'%1$s' @> jsonb_build_array(:value::text)".formatted(field))
                .collect(Collectors.joining(" OR "));
    }

    record Mark(UUID id, long seq, OffsetDateTime recordedAt) {
    }
}
