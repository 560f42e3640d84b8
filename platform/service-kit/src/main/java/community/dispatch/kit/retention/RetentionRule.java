package community.dispatch.kit.retention;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How long the rows of one table are kept, and why. Either rows are purged once {@code column} is older than
 * {@code keep} (and {@code condition}, when given, holds), or the table is kept for good, for the reason given —
 * a person's data in it is then taken care of by erasure, not by age. Every table of a service's schema has a rule
 * ({@link Retention#tablesWithoutRule()}).
 *
 * @param table the table
 * @param column the time its rows are aged by; null for a table whose rows are not aged out
 * @param keep how long a row is kept by default; an entry {@code <table>=<duration>} of {@code dispatch.retention.keep} overrides it
 * @param condition SQL that must also hold for a row to go (e.g. an outbox row already published); null for none
 * @param conditionSaid the condition in words, for the README ("once published")
 * @param why why that long, for the README's data section and the next engineer
 */
public record RetentionRule(String table, String column, Duration keep, String condition, String conditionSaid,
        String why) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public RetentionRule {
        if (!NAME.matcher(table).matches() || (column != null && !NAME.matcher(column).matches())) {
            throw new IllegalArgumentException("not a plain table or column name: " + table + "." + column);
        }
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("a retention rule says why: " + table);
        }
    }

    /** Rows of {@code table} go once {@code column} is older than {@code keep}. */
    public static RetentionRule purged(String table, String column, Duration keep, String why) {
        return new RetentionRule(table, column, keep, null, null, why);
    }

    /**
     * Rows of {@code table} are not aged out, for the reason given: kept for good (a person's data in them is
     * erased on request, not by age), or removed by the work they wait for (a queue).
     */
    public static RetentionRule notAged(String table, String why) {
        return new RetentionRule(table, null, null, null, null, why);
    }

    /** The same rule, a row going only where {@code sql} also holds (the table's columns unqualified), {@code said} so. */
    public RetentionRule onlyWhere(String sql, String said) {
        return new RetentionRule(table, column, keep, sql, said, why);
    }

    public boolean purges() {
        return column != null;
    }
}
