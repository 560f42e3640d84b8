package community.dispatch.request.kpis;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/**
 * The 12345 hotline's "three rates" and the SLA figures, over the requests submitted in a period,
 * overall or per category, grid or team. Cancelled and rejected requests and duplicates do not count.
 */
@Component
public class KpiStore {

    /** How to split the figures. */
    public enum GroupBy {
        NONE("'all'"), CATEGORY("category_code"), GRID("coalesce(grid_code, '-')"), TEAM("coalesce(team_key, '-')");

        private final String expression;

        GroupBy(String expression) {
            this.expression = expression;
        }
    }

    /**
     * @param responseRate responded to (offered or assigned) by the dispatch deadline, of all counted requests
     * @param resolutionRate resolved, of all counted requests
     * @param satisfactionRate rated 4 or 5, of the rated ones (null when none was rated)
     * @param slaCompliance resolved by the feedback deadline, of the resolved ones (null when none was)
     */
    public record Figures(@Schema(example = "G03", description = "The category, grid or team; absent overall") String key,
            @Schema(example = "48") long requests, @Schema(example = "41") long resolved, @Schema(example = "30") long rated,
            @Schema(example = "0.96") Double responseRate, @Schema(example = "0.85") Double resolutionRate,
            @Schema(example = "0.93") Double satisfactionRate, @Schema(example = "0.9") Double slaCompliance,
            @Schema(example = "0.4") Double medianHoursToDispatch, @Schema(example = "20.5") Double medianHoursToResolve) {
    }

    private final DatabaseClient database;

    public KpiStore(DatabaseClient database) {
        this.database = database;
    }

    public Mono<List<Figures>> between(Instant from, Instant to, GroupBy groupBy) {
        return database.sql("""
                        WITH counted AS (
                            SELECT r.*,
                                   (SELECT min(t.at) FROM request_timeline t WHERE t.request_id = r.id
                                      AND t.to_status IN ('DISPATCHING', 'ASSIGNED')) AS responded_at,
                                   (SELECT min(t.at) FROM request_timeline t WHERE t.request_id = r.id
                                      AND t.to_status = 'RESOLVED') AS resolved_at
                            FROM service_request r
                            WHERE r.created_at >= :from AND r.created_at < :to
                              AND r.status NOT IN ('CANCELLED', 'REJECTED') AND r.duplicate_of IS NULL)
                        SELECT %s AS key,
                               count(*) AS requests,
                               count(*) FILTER (WHERE responded_at <= dispatch_by) AS responded_in_time,
                               count(resolved_at) AS resolved,
                               count(*) FILTER (WHERE resolved_at <= feedback_by) AS resolved_in_time,
                               count(rating) AS rated,
                               count(*) FILTER (WHERE rating >= 4) AS satisfied,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM responded_at - created_at))
                                   AS median_dispatch_seconds,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at))
                                   AS median_resolve_seconds
                        FROM counted GROUP BY 1 ORDER BY 1""".formatted(groupBy.expression))
                .bind("from", from)
                .bind("to", to)
                .map(KpiStore::read)
                .all()
                .collectList();
    }

    private static Figures read(Readable row) {
        long requests = row.get("requests", Long.class);
        long resolved = row.get("resolved", Long.class);
        long rated = row.get("rated", Long.class);
        return new Figures(row.get("key", String.class), requests, resolved, rated,
                share(row.get("responded_in_time", Long.class), requests), share(resolved, requests),
                share(row.get("satisfied", Long.class), rated), share(row.get("resolved_in_time", Long.class), resolved),
                hours(row.get("median_dispatch_seconds", Double.class)), hours(row.get("median_resolve_seconds", Double.class)));
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }

    private static Double hours(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 36.0) / 100.0;
    }
}
