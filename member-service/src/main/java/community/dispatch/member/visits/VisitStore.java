package community.dispatch.member.visits;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import community.dispatch.member.people.domain.Role;
import community.dispatch.member.visits.WeeklyCompliance.Visit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code visit}, and who owes visits. */
@Component
@RequiredArgsConstructor
class VisitStore {

    /** Someone with a weekly visit quota, and the grid they answer for. */
    record Visitor(UUID memberId, String name, boolean leadership, String gridCode) {
    }

    private final DatabaseClient database;

    Mono<Void> insert(Visits.Logged visit) {
        return database.sql("""
                        INSERT INTO visit (id, visitor_id, unit_id, visited_at, heard, needs)
                        VALUES (:id, :visitor, :unit, :at, :heard, :needs)""")
                .bindValues(Map.of("id", visit.id(), "visitor", visit.visitorId(), "unit", visit.unitId(),
                        "at", visit.visitedAt(), "heard", visit.heard(), "needs", visit.needs().toArray(String[]::new)))
                .fetch().rowsUpdated().then();
    }

    /** The grid a unit (household) is in: empty for a unit that does not exist, "" for one whose building has no grid. */
    Mono<String> gridOfUnit(UUID unit) {
        return database.sql("""
                        SELECT coalesce(g.code, '') AS grid FROM unit u JOIN building b ON b.id = u.building_id
                        LEFT JOIN grid g ON g.id = b.grid_id WHERE u.id = :id""")
                .bind("id", unit).map(row -> row.get("grid", String.class)).one();
    }

    /** Whether the member is an active member of the leadership team. */
    Mono<Boolean> inLeadership(UUID member) {
        return database.sql("SELECT leadership FROM member WHERE id = :id AND active").bind("id", member)
                .map(row -> Boolean.TRUE.equals(row.get("leadership", Boolean.class))).one()
                .defaultIfEmpty(false);
    }

    /** What a grid worker sees: their own visits and those to households of the grids they serve. */
    record Scope(UUID self, Set<String> grids) {
    }

    /** Visits from {@code from} to {@code to}, oldest first, optionally of one visitor only and within a scope. */
    Flux<Visits.Logged> between(Instant from, Instant to, UUID visitor, Scope scope, int page, int size) {
        Map<String, Object> values = new HashMap<>(Map.of("from", from, "to", to, "limit", size, "offset", (long) page * size));
        values.put("visitor", Parameter.fromOrEmpty(visitor, UUID.class));
        values.put("self", Parameter.fromOrEmpty(scope == null ? null : scope.self(), UUID.class));
        values.put("grids", Parameter.fromOrEmpty(scope == null ? null : scope.grids().toArray(String[]::new), String[].class));
        return database.sql("""
                        SELECT v.id, v.visitor_id, v.unit_id, v.visited_at, v.heard, v.needs FROM visit v
                        WHERE v.visited_at >= :from AND v.visited_at < :to
                          AND (CAST(:visitor AS uuid) IS NULL OR v.visitor_id = :visitor)
                          AND (CAST(:grids AS text[]) IS NULL OR v.visitor_id = :self OR EXISTS (
                                SELECT 1 FROM unit u JOIN building b ON b.id = u.building_id JOIN grid g ON g.id = b.grid_id
                                WHERE u.id = v.unit_id AND g.code = ANY(:grids)))
                        ORDER BY v.visited_at, v.id LIMIT :limit OFFSET :offset""")
                .bindValues(values)
                .map(row -> new Visits.Logged(row.get("id", UUID.class), row.get("visitor_id", UUID.class),
                        row.get("unit_id", UUID.class), row.get("visited_at", Instant.class),
                        row.get("heard", String.class), List.of(row.get("needs", String[].class))))
                .all();
    }

    /** Every visit from {@code from} to {@code to}, as the weekly report counts them. */
    Flux<Visit> counted(Instant from, Instant to) {
        return database.sql("SELECT visitor_id, unit_id, visited_at FROM visit WHERE visited_at >= :from AND visited_at < :to")
                .bind("from", from).bind("to", to)
                .map(row -> new Visit(row.get("visitor_id", UUID.class), row.get("unit_id", UUID.class),
                        row.get("visited_at", Instant.class)))
                .all();
    }

    /**
     * Active leadership-team members and grid workers, with the grid each answers for: the grid they are
     * chief of (their GRID assignment first), else the grid of their home.
     */
    Flux<Visitor> visitorsWithQuota() {
        return database.sql("""
                        SELECT m.id, m.name, m.leadership,
                               coalesce((SELECT g.code FROM grid_chief gc JOIN grid g ON g.id = gc.grid_id
                                         WHERE gc.member_id = m.id ORDER BY gc.kind = 'GRID' DESC, g.code LIMIT 1),
                                        hg.code) AS grid
                        FROM member m
                        LEFT JOIN unit u ON u.id = m.unit_id
                        LEFT JOIN building b ON b.id = u.building_id
                        LEFT JOIN grid hg ON hg.id = b.grid_id
                        WHERE m.active AND (m.leadership OR :gridWorker = ANY(m.roles))""")
                .bind("gridWorker", Role.GRID_WORKER.name())
                .map(row -> new Visitor(row.get("id", UUID.class), row.get("name", String.class),
                        Boolean.TRUE.equals(row.get("leadership", Boolean.class)), row.get("grid", String.class)))
                .all();
    }
}
