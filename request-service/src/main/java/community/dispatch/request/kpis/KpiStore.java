package community.dispatch.request.kpis;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.request.requests.domain.Status;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * The 12345 hotline's "three rates" and the SLA figures, over the requests submitted in a period,
 * overall or per category, grid or team. Cancelled and rejected requests and duplicates do not count.
 */
@Component
@RequiredArgsConstructor
class KpiStore {

    /** A request has had a response once it is being dispatched or someone took it. */
    private static final Set<Status> RESPONDED = EnumSet.of(Status.DISPATCHING, Status.ASSIGNED);
    /** Withdrawn or turned down: not part of the figures. */
    private static final Set<Status> NOT_COUNTED = EnumSet.of(Status.CANCELLED, Status.REJECTED);

    private final DatabaseClient database;

    Mono<List<Kpis.Figures>> between(Instant from, Instant to, Kpis.GroupBy groupBy) {
        return database.sql("""
                        WITH counted AS (
                            SELECT r.*,
                                   (SELECT min(t.at) FROM request_timeline t WHERE t.request_id = r.id
                                      AND t.to_status = ANY(:responded)) AS responded_at,
                                   (SELECT min(t.at) FROM request_timeline t WHERE t.request_id = r.id
                                      AND t.to_status = :resolved) AS resolved_at
                            FROM service_request r
                            WHERE r.created_at >= :from AND r.created_at < :to
                              AND r.status <> ALL(:withdrawn) AND r.duplicate_of IS NULL)
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
                        FROM counted GROUP BY 1 ORDER BY 1""".formatted(expression(groupBy)))
                .bind("from", from)
                .bind("to", to)
                .bind("responded", Status.names(RESPONDED))
                .bind("resolved", Status.RESOLVED.name())
                .bind("withdrawn", Status.names(NOT_COUNTED))
                .map(KpiStore::read)
                .all()
                .collectList();
    }

    private static String expression(Kpis.GroupBy groupBy) {
        return switch (groupBy) {
            case NONE -> "'all'";
            case CATEGORY -> "category_code";
            case GRID -> "coalesce(grid_code, '-')";
            case TEAM -> "coalesce(team_key, '-')";
        };
    }

    private static Kpis.Figures read(Readable row) {
        long requests = row.get("requests", Long.class);
        long resolved = row.get("resolved", Long.class);
        long rated = row.get("rated", Long.class);
        return new Kpis.Figures(row.get("key", String.class), requests, resolved, rated,
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
