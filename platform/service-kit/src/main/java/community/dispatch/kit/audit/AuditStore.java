package community.dispatch.kit.audit;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import lombok.RequiredArgsConstructor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The SQL over {@code audit_entry}. */
@RequiredArgsConstructor
public class AuditStore {

    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() { };

    private final DatabaseClient database;
    private final JsonMapper json;

    Mono<Void> insert(AuditEntry entry) {
        Map<String, Object> values = new HashMap<>(Map.of("id", entry.id(), "at", entry.at(), "actor", entry.actor(),
                "action", entry.action(), "outcome", entry.outcome().name()));
        values.put("target", Parameter.fromOrEmpty(entry.target(), String.class));
        values.put("before", Parameter.fromOrEmpty(entry.before() == null ? null : Json.of(json.writeValueAsString(entry.before())), Json.class));
        values.put("after", Parameter.fromOrEmpty(entry.after() == null ? null : Json.of(json.writeValueAsString(entry.after())), Json.class));
        return database.sql("""
                        INSERT INTO audit_entry (id, at, actor, action, target, outcome, before, after)
                        VALUES (:id, :at, :actor, :action, :target, :outcome, :before, :after)""")
                .bindValues(values).fetch().rowsUpdated().then();
    }

    /** Newest first, optionally about one target only. */
    Flux<AuditEntry> page(String target, int page, int size) {
        Map<String, Object> values = new HashMap<>(Map.of("limit", size, "offset", (long) page * size));
        values.put("target", Parameter.fromOrEmpty(target, String.class));
        return database.sql("""
                        SELECT * FROM audit_entry WHERE CAST(:target AS text) IS NULL OR target = :target
                        ORDER BY at DESC, id LIMIT :limit OFFSET :offset""")
                .bindValues(values).map(this::read).all();
    }

    private AuditEntry read(Readable row) {
        return new AuditEntry(row.get("id", UUID.class), row.get("at", Instant.class), row.get("actor", String.class),
                row.get("action", String.class), row.get("target", String.class),
                AuditEntry.Outcome.valueOf(row.get("outcome", String.class)), state(row.get("before", Json.class)),
                state(row.get("after", Json.class)));
    }

    private Map<String, Object> state(Json value) {
        return value == null ? null : json.readValue(value.asString(), STATE);
    }
}
