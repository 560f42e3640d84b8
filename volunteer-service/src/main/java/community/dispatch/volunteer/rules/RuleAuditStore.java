package community.dispatch.volunteer.rules;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.volunteer.dispatching.domain.Rule;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code dispatch_rule_audit}: every change of a rule, who made it, before and after. */
@Component
@RequiredArgsConstructor
class RuleAuditStore {

    private final DatabaseClient database;
    private final JsonMapper json;

    Mono<Void> record(Rule before, Rule after, String changedBy) {
        return database.sql("""
                        INSERT INTO dispatch_rule_audit (id, category_code, version, changed_by, before, after)
                        VALUES (:id, :code, :version, :by, :before, :after)""")
                .bind("id", UUID.randomUUID()).bind("code", after.categoryCode())
                .bind("version", after.version()).bind("by", changedBy)
                .bind("before", Json.of(json.writeValueAsString(before)))
                .bind("after", Json.of(json.writeValueAsString(after)))
                .fetch().rowsUpdated().then();
    }

    Flux<RuleBook.Change> history(String categoryCode) {
        return database.sql("SELECT * FROM dispatch_rule_audit WHERE category_code = :code ORDER BY version")
                .bind("code", categoryCode)
                .map(row -> {
                    Json before = row.get("before", Json.class);
                    return new RuleBook.Change(row.get("version", Long.class), row.get("changed_by", String.class),
                            row.get("changed_at", OffsetDateTime.class),
                            before == null || before.asString().equals("null") ? null : json.readValue(before.asString(), Rule.class),
                            json.readValue(row.get("after", Json.class).asString(), Rule.class));
                })
                .all();
    }
}
