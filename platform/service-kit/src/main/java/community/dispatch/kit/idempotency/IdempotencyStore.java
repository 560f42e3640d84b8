package community.dispatch.kit.idempotency;

import java.util.HashMap;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;

import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code idempotent_response}, in the caller's transaction. */
@RequiredArgsConstructor
public class IdempotencyStore {

    /** The first answer given to a key: what the call was (its fingerprint) and what it answered. */
    public record Answer(String fingerprint, int status, String contentType, String location, String etag, byte[] body) {

        /** What is kept of an answer that held a secret: everything but its body. */
        public Answer withoutBody() {
            return new Answer(fingerprint, status, contentType, location, etag, null);
        }
    }

    private final DatabaseClient database;

    /**
     * Claims the key for this call; false when it was claimed before. A claim another transaction holds
     * and has not committed yet makes this one wait for it.
     */
    public Mono<Boolean> claim(String caller, String key, String fingerprint) {
        return database.sql("""
                        INSERT INTO idempotent_response (caller, key, fingerprint) VALUES (:caller, :key, :fingerprint)
                        ON CONFLICT DO NOTHING""")
                .bind("caller", caller).bind("key", key).bind("fingerprint", fingerprint)
                .fetch().rowsUpdated().map(inserted -> inserted > 0);
    }

    public Mono<Void> remember(String caller, String key, Answer answer) {
        Map<String, Object> values = new HashMap<>(Map.of("caller", caller, "key", key, "status", answer.status()));
        values.put("body", Parameter.fromOrEmpty(answer.body(), byte[].class));
        values.put("contentType", Parameter.fromOrEmpty(answer.contentType(), String.class));
        values.put("location", Parameter.fromOrEmpty(answer.location(), String.class));
        values.put("etag", Parameter.fromOrEmpty(answer.etag(), String.class));
        return database.sql("""
                        UPDATE idempotent_response SET status = :status, content_type = :contentType, location = :location,
                                                       etag = :etag, body = :body
                        WHERE caller = :caller AND key = :key""")
                .bindValues(values).fetch().rowsUpdated().then();
    }

    public Mono<Answer> find(String caller, String key) {
        return database.sql("SELECT * FROM idempotent_response WHERE caller = :caller AND key = :key")
                .bind("caller", caller).bind("key", key)
                .map(row -> {
                    Integer status = row.get("status", Integer.class);
                    return new Answer(row.get("fingerprint", String.class), status == null ? 0 : status,
                            row.get("content_type", String.class), row.get("location", String.class),
                            row.get("etag", String.class), row.get("body", byte[].class));
                })
                .one();
    }
}
