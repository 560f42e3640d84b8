package community.dispatch.kit.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;

import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a service keeps and for how long: every table of its schema has a {@link RetentionRule} (in
 * {@link RetentionRules} beans: the kit's tables', the service's), and the rows that have aged out are deleted in batches by a timer on
 * every instance ({@code dispatch.retention.interval}). A table without a rule would grow for ever unnoticed:
 * {@link #tablesWithoutRule()} names them ({@link #rulesWithoutTable()} the other way round), and each
 * service's tests ask both.
 */
public class Retention {

    /** The migration tool's own history. */
    private static final Set<String> NOT_DATA = Set.of("flyway_schema_history");

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final DatabaseClient database;
    /** Each with the keep in force here, worked out once: the setting's, or the rule's own. */
    private final List<RetentionRule> rules;

    public Retention(DatabaseClient database, RetentionProperties properties, List<RetentionRule> rules) {
        Map<String, List<RetentionRule>> byTable = rules.stream().collect(Collectors.groupingBy(RetentionRule::table));
        byTable.forEach((table, same) -> {
            if (same.size() > 1) {
                throw new IllegalStateException("two retention rules for " + table + ": " + same);
            }
        });
        // A keep for a table of another service is that service's (one setting may reach every service).
        properties.tables().forEach(table -> rules.stream()
                .filter(rule -> !rule.purges() && rule.table().equals(table))
                .findFirst()
                .ifPresent(rule -> {
                    throw new IllegalStateException("dispatch.retention.keep: " + table + " is not aged out ("
                            + rule.why() + ")");
                }));
        this.database = database;
        this.rules = rules.stream()
                .map(rule -> rule.purges() ? new RetentionRule(rule.table(), rule.column(), properties.keepOf(rule),
                        rule.condition(), rule.conditionSaid(), rule.why()) : rule)
                .sorted(Comparator.comparing(RetentionRule::table))
                .toList();
    }

    /** The rules, each with the keep in force here (the setting's, or the rule's own). */
    public List<RetentionRule> rules() {
        return rules;
    }

    /**
     * Deletes, table by table, at most {@code limit} rows that have aged out at {@code now}; answers the most one
     * table lost, so a timer goes on at once while any table still has a full batch to delete.
     */
    public Mono<Long> purge(Instant now, int limit) {
        return Flux.fromIterable(rules)
                .filter(RetentionRule::purges)
                .concatMap(rule -> database.sql("""
                                DELETE FROM %1$s WHERE ctid IN (
                                    SELECT ctid FROM %1$s WHERE %2$s < :before%3$s LIMIT :limit)"""
                                .formatted(rule.table(), rule.column(),
                                        rule.condition() == null ? "" : " AND (" + rule.condition() + ")"))
                        .bind("before", now.minus(rule.keep()))
                        .bind("limit", limit)
                        .fetch().rowsUpdated()
                        // One table's failure (a lock timeout, a table dropped by hand) leaves the others to be purged.
                        .onErrorResume(error -> Logged.line(() -> log.warn("Purging {} failed; trying again at the next "
                                + "round: {}", rule.table(), error.toString())).thenReturn(0L)))
                .reduce(0L, Math::max);
    }

    /**
     * The rules as a Markdown table — what each table keeps, for how long, and why — for the service's README, which
     * its tests hold to this.
     */
    public String markdown() {
        StringBuilder table = new StringBuilder("| table | kept | why |\n| --- | --- | --- |\n");
        for (RetentionRule rule : rules()) {
            table.append("| `").append(rule.table()).append("` | ")
                    .append(rule.purges() ? spoken(rule.keep()) + " after `" + rule.column() + "`"
                            + (rule.condition() == null ? "" : ", " + rule.conditionSaid()) : "not aged out")
                    .append(" | ").append(rule.why()).append(" |\n");
        }
        return table.toString();
    }

    private static String spoken(Duration keep) {
        if (keep.toDays() >= 365 && keep.toDays() % 365 == 0) {
            return keep.toDays() == 365 ? "1 year" : keep.toDays() / 365 + " years";
        }
        if (keep.toDays() > 0 && keep.equals(Duration.ofDays(keep.toDays()))) {
            return keep.toDays() == 1 ? "1 day" : keep.toDays() + " days";
        }
        if (keep.toHours() > 0 && keep.equals(Duration.ofHours(keep.toHours()))) {
            return keep.toHours() == 1 ? "1 hour" : keep.toHours() + " hours";
        }
        return keep.toMinutes() + " min";
    }

    /** The tables of the service's schema that no rule speaks of, by name. */
    public Mono<List<String>> tablesWithoutRule() {
        Set<String> ruled = rules.stream().map(RetentionRule::table).collect(Collectors.toSet());
        return tables().map(tables -> tables.stream().filter(table -> !ruled.contains(table) && !NOT_DATA.contains(table))
                .sorted().toList());
    }

    /** The rules whose table the schema does not have (dropped, or misspelt), by table. */
    public Mono<List<String>> rulesWithoutTable() {
        return tables().map(tables -> rules.stream().map(RetentionRule::table).filter(table -> !tables.contains(table))
                .sorted().toList());
    }

    private Mono<Set<String>> tables() {
        return database.sql("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'""")
                .map(row -> row.get("table_name", String.class))
                .all()
                .collect(Collectors.toSet());
    }
}
