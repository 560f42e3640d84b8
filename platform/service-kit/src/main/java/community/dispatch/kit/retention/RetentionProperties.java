package community.dispatch.kit.retention;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * {@code dispatch.retention.*}.
 *
 * @param interval how often each instance purges what has aged out (any instance may; they share the work)
 * @param batch how many rows of one table one statement deletes at most; a full batch is followed by another
 * @param keep how long to keep a table's rows where a rule's default does not suit: {@code table=duration} entries,
 *        comma-separated ({@code DISPATCH_RETENTION_KEEP=processed_event=30d,notification=180d}; one setting, since
 *        an environment variable cannot name a map key with '_' in it); a table whose rows are not aged out cannot
 *        be given one (the service does not start), a table another service has is left to it
 */
@ConfigurationProperties("dispatch.retention")
public record RetentionProperties(@DefaultValue("10m") Duration interval, @DefaultValue("1000") int batch,
        @DefaultValue("") List<String> keep) {

    public RetentionProperties {
        keep = keep == null ? List.of() : keep.stream().map(String::trim).filter(entry -> !entry.isEmpty()).toList();
        keeps(keep);
    }

    /** The rule's keep, or the setting for its table. */
    Duration keepOf(RetentionRule rule) {
        return keeps(keep).getOrDefault(rule.table(), rule.keep());
    }

    /** The tables a keep is set for. */
    List<String> tables() {
        return List.copyOf(keeps(keep).keySet());
    }

    private static Map<String, Duration> keeps(List<String> entries) {
        Map<String, Duration> keeps = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("dispatch.retention.keep: '" + entry + "' is not table=duration");
            }
            keeps.put(entry.substring(0, equals).trim().toLowerCase(Locale.ROOT).replace('-', '_'),
                    DurationStyle.detectAndParse(entry.substring(equals + 1).trim()));
        }
        return keeps;
    }
}
