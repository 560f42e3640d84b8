package community.dispatch.kit.retention;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dispatch.retention.*}.
 *
 * @param interval how often each instance purges what has aged out (any instance may; they share the work)
 * @param batch how many rows of one table one statement deletes at most; a full batch is followed by another
 * @param keep how long to keep each table's rows, by table name, where a rule's default does not suit
 *        ({@code DISPATCH_RETENTION_KEEP_PROCESSED_EVENT=30d}); a table whose rows are not aged out cannot be given
 *        one (the service does not start), a table another service has is left to it
 */
@ConfigurationProperties("dispatch.retention")
public record RetentionProperties(@DefaultValue("10m") Duration interval, @DefaultValue("1000") int batch,
        Map<String, Duration> keep) {

    /** The rule's keep, or the setting for its table (written with '_', '-' or '.' between words). */
    Duration keepOf(RetentionRule rule) {
        if (keep != null) {
            for (var entry : keep.entrySet()) {
                if (normal(entry.getKey()).equals(normal(rule.table()))) {
                    return entry.getValue();
                }
            }
        }
        return rule.keep();
    }

    static String normal(String name) {
        return name.toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
