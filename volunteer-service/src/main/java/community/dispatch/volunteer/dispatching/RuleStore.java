package community.dispatch.volunteer.dispatching;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.volunteer.dispatching.domain.Rule;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code dispatch_rule}: the one place a rule is read from or written to a row. */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class RuleStore {

    private static final TypeReference<Map<String, Integer>> LEVELS = new TypeReference<>() { };

    private final DatabaseClient database;
    private final JsonMapper json;

    Flux<Rule> all() {
        return database.sql("SELECT * FROM dispatch_rule ORDER BY category_code").map(this::read).all();
    }

    Mono<Rule> find(String categoryCode) {
        return database.sql("SELECT * FROM dispatch_rule WHERE category_code = :code").bind("code", categoryCode)
                .map(this::read).one();
    }

    /** A rule with its change number (from the {@code dispatch_change} sequence), as {@link DispatchMemory} keeps it. */
    record Numbered(Rule rule, long change) {
    }

    /** Every rule numbered after {@code change} (after 0: all of them). */
    Flux<Numbered> since(long change) {
        return database.sql("SELECT * FROM dispatch_rule WHERE change > :change").bind("change", change)
                .map(this::numbered).all();
    }

    Flux<Numbered> of(Collection<String> categoryCodes) {
        return database.sql("SELECT * FROM dispatch_rule WHERE category_code = ANY(:codes)")
                .bind("codes", categoryCodes.toArray(String[]::new)).map(this::numbered).all();
    }

    private Numbered numbered(Readable row) {
        return new Numbered(read(row), row.get("change", Long.class));
    }

    /** The rule, locked for the rest of the caller's transaction. */
    Mono<Rule> lock(String categoryCode) {
        return database.sql("SELECT * FROM dispatch_rule WHERE category_code = :code FOR UPDATE")
                .bind("code", categoryCode).map(this::read).one();
    }

    /** Writes the rule (new or replacing one) at the given version. */
    Mono<Long> write(Rule rule) {
        return database.sql("""
                        INSERT INTO dispatch_rule (category_code, teams, required_skills, timeout_emergency, timeout_urgent,
                                                   timeout_normal, max_offers, mode, notify, version, updated_at)
                        VALUES (:code, :teams, :skills, :emergency, :urgent, :normal, :maxOffers, :mode, :notify, :version, now())
                        ON CONFLICT (category_code) DO UPDATE SET teams = :teams, required_skills = :skills,
                            timeout_emergency = :emergency, timeout_urgent = :urgent, timeout_normal = :normal,
                            max_offers = :maxOffers, mode = :mode, notify = :notify, version = :version, updated_at = now()""")
                .bindValues(Map.of("code", rule.categoryCode(), "teams", rule.teams().toArray(String[]::new),
                        "skills", Json.of(json.writeValueAsString(rule.requiredSkills() == null ? Map.of() : rule.requiredSkills())),
                        "emergency", rule.timeouts().get("EMERGENCY"), "urgent", rule.timeouts().get("URGENT"),
                        "normal", rule.timeouts().get("NORMAL"), "maxOffers", rule.maxOffers(), "mode", rule.mode(),
                        "notify", (rule.notifyRoles() == null ? List.<String>of() : rule.notifyRoles()).toArray(String[]::new),
                        "version", rule.version()))
                .fetch().rowsUpdated();
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
