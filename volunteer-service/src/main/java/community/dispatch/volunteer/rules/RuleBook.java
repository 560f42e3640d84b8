package community.dispatch.volunteer.rules;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.web.problem.DomainProblem;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The dispatch rules: data, not code. Each change is checked, versioned and audited. */
@Component
public class RuleBook {

    private static final TypeReference<Map<String, Integer>> LEVELS = new TypeReference<>() { };

    public record Change(@Schema(example = "3") long version, @Schema(example = "2b0f3c5e-6a47-4d51-9a43-1f0e8f6f7a10") String changedBy,
            OffsetDateTime changedAt, Rule before, Rule after) {
    }

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final JsonMapper json;

    public RuleBook(DatabaseClient database, TransactionalOperator transactions, JsonMapper json) {
        this.database = database;
        this.transactions = transactions;
        this.json = json;
    }

    public Flux<Rule> all() {
        return database.sql("SELECT * FROM dispatch_rule ORDER BY category_code").map(this::read).all();
    }

    public Mono<Rule> find(String categoryCode) {
        return database.sql("SELECT * FROM dispatch_rule WHERE category_code = :code").bind("code", categoryCode)
                .map(this::read).one();
    }

    /**
     * Saves the rule (new or replacing one) if it is valid and, when {@code expectedVersion} is given,
     * still at that version; records who changed what.
     */
    public Mono<Rule> save(Rule rule, Long expectedVersion, String changedBy) {
        return database.sql("SELECT key FROM team").map(row -> row.get("key", String.class)).all()
                .collect(Collectors.toSet())
                .flatMap(teams -> {
                    List<Map<String, String>> problems = rule.problems(teams);
                    if (!problems.isEmpty()) {
                        return Mono.error(new DomainProblem(HttpStatus.BAD_REQUEST, "invalid-rule",
                                "The rule cannot be saved as it is.", Map.of("errors", problems)));
                    }
                    return transactions.transactional(database.sql("SELECT * FROM dispatch_rule WHERE category_code = :code FOR UPDATE")
                            .bind("code", rule.categoryCode()).map(this::read).one()
                            .map(List::of).defaultIfEmpty(List.of())
                            .flatMap(found -> {
                                Rule before = found.isEmpty() ? null : found.get(0);
                                if (expectedVersion != null && (before == null || before.version() != expectedVersion)) {
                                    return Mono.error(new DomainProblem(HttpStatus.PRECONDITION_FAILED, "stale-rule",
                                            "The rule changed since you read it."));
                                }
                                long version = before == null ? 0 : before.version() + 1;
                                return write(rule, version)
                                        .then(database.sql("""
                                                        INSERT INTO dispatch_rule_audit (id, category_code, version, changed_by, before, after)
                                                        VALUES (:id, :code, :version, :by, :before, :after)""")
                                                .bind("id", UUID.randomUUID()).bind("code", rule.categoryCode())
                                                .bind("version", version).bind("by", changedBy)
                                                .bind("before", Json.of(json.writeValueAsString(before)))
                                                .bind("after", Json.of(json.writeValueAsString(withVersion(rule, version))))
                                                .fetch().rowsUpdated())
                                        .then(find(rule.categoryCode()));
                            }));
                });
    }

    public Flux<Change> history(String categoryCode) {
        return database.sql("SELECT * FROM dispatch_rule_audit WHERE category_code = :code ORDER BY version")
                .bind("code", categoryCode)
                .map(row -> {
                    Json before = row.get("before", Json.class);
                    return new Change(row.get("version", Long.class), row.get("changed_by", String.class),
                            row.get("changed_at", OffsetDateTime.class),
                            before == null || before.asString().equals("null") ? null : json.readValue(before.asString(), Rule.class),
                            json.readValue(row.get("after", Json.class).asString(), Rule.class));
                })
                .all();
    }

    private Mono<Long> write(Rule rule, long version) {
        return database.sql("""
                        INSERT INTO dispatch_rule (category_code, teams, required_skills, timeout_emergency, timeout_urgent,
                                                   timeout_normal, max_offers, mode, notify, version, updated_at)
                        VALUES (:code, :teams, :skills, :emergency, :urgent, :normal, :maxOffers, :mode, :notify, :version, now())
                        ON CONFLICT (category_code) DO UPDATE SET teams = :teams, required_skills = :skills,
                            timeout_emergency = :emergency, timeout_urgent = :urgent, timeout_normal = :normal,
                            max_offers = :maxOffers, mode = :mode, notify = :notify, version = :version, updated_at = now()""")
                .bind("code", rule.categoryCode()).bind("teams", rule.teams().toArray(String[]::new))
                .bind("skills", Json.of(json.writeValueAsString(rule.requiredSkills() == null ? Map.of() : rule.requiredSkills())))
                .bind("emergency", rule.timeouts().get("EMERGENCY")).bind("urgent", rule.timeouts().get("URGENT"))
                .bind("normal", rule.timeouts().get("NORMAL")).bind("maxOffers", rule.maxOffers()).bind("mode", rule.mode())
                .bind("notify", (rule.notifyRoles() == null ? List.<String>of() : rule.notifyRoles()).toArray(String[]::new))
                .bind("version", version)
                .fetch().rowsUpdated();
    }

    private static Rule withVersion(Rule rule, long version) {
        return new Rule(rule.categoryCode(), rule.teams(), rule.requiredSkills(), rule.timeouts(), rule.maxOffers(),
                rule.mode(), rule.notifyRoles(), version);
    }

    private Rule read(Readable row) {
        return new Rule(row.get("category_code", String.class), Arrays.asList(row.get("teams", String[].class)),
                json.readValue(row.get("required_skills", Json.class).asString(), LEVELS),
                Map.of("EMERGENCY", row.get("timeout_emergency", Integer.class), "URGENT", row.get("timeout_urgent", Integer.class),
                        "NORMAL", row.get("timeout_normal", Integer.class)),
                row.get("max_offers", Integer.class), row.get("mode", String.class),
                Arrays.asList(row.get("notify", String[].class)), row.get("version", Long.class));
    }
}
