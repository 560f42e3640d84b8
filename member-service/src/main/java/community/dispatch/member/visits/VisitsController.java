package community.dispatch.member.visits;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import community.dispatch.member.people.Role;
import community.dispatch.member.visits.WeeklyCompliance.Obligation;
import community.dispatch.member.visits.WeeklyCompliance.Report;
import community.dispatch.member.visits.WeeklyCompliance.Visit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/visits")
@Validated
@EnableConfigurationProperties(VisitProperties.class)
@Tag(name = "Visits", description = "Household visits (初心大走訪) and the weekly quota report")
class VisitsController {

    private final DatabaseClient database;
    private final VisitProperties properties;

    VisitsController(DatabaseClient database, VisitProperties properties) {
        this.database = database;
        this.properties = properties;
    }

    @PostMapping
    @Operation(summary = "Log a visit", description = "Leadership-team members and grid workers log the households they visit: what they heard and the needs raised.")
    Mono<ResponseEntity<VisitResponse>> log(@Valid @RequestBody VisitRequest request, @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        UUID visitor = caller.memberId();
        UUID id = UUID.randomUUID();
        Instant at = request.visitedAt() == null ? Instant.now() : request.visitedAt().toInstant();
        if (at.isAfter(Instant.now().plusSeconds(300))) {
            return Mono.error(DomainException.invalid("visit-in-future", "A visit cannot be logged ahead of time."));
        }
        return mayVisit(visitor, caller)
                .then(database.sql("SELECT 1 FROM unit WHERE id = :id").bind("id", request.unitId()).map(row -> true).one()
                        .switchIfEmpty(Mono.error(() -> DomainException.invalid("unknown-unit",
                                "There is no unit " + request.unitId() + "."))))
                .then(database.sql("""
                                INSERT INTO visit (id, visitor_id, unit_id, visited_at, heard, needs)
                                VALUES (:id, :visitor, :unit, :at, :heard, :needs)""")
                        .bind("id", id).bind("visitor", visitor).bind("unit", request.unitId())
                        .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                        .bind("heard", request.heard())
                        .bind("needs", request.needs() == null ? new String[0] : request.needs().toArray(String[]::new))
                        .fetch().rowsUpdated())
                .thenReturn(ResponseEntity.created(URI.create("/api/v1/visits/" + id))
                        .body(new VisitResponse(id, visitor, request.unitId(), at, request.heard(),
                                request.needs() == null ? List.of() : request.needs())));
    }

    @GetMapping
    @Operation(summary = "Visits of a week", description = "Staff and grid workers see everyone's visits; others their own. Oldest first; size at most 200.")
    Mono<List<VisitResponse>> list(
            @RequestParam(required = false) @Parameter(description = "ISO week, e.g. 2026-W48; default: this week") String week,
            @RequestParam(required = false) UUID visitor,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        CommunityWeek range = week(week);
        UUID only = caller.isStaff() || caller.hasRole(Role.GRID_WORKER.name()) ? visitor : caller.memberId();
        String filter = only == null ? "" : " AND visitor_id = :visitor";
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        SELECT id, visitor_id, unit_id, visited_at, heard, needs FROM visit
                        WHERE visited_at >= :from AND visited_at < :to""" + filter + " ORDER BY visited_at, id LIMIT :limit OFFSET :offset")
                .bind("limit", size)
                .bind("offset", (long) page * size)
                .bind("from", OffsetDateTime.ofInstant(range.start(), ZoneOffset.UTC))
                .bind("to", OffsetDateTime.ofInstant(range.end(), ZoneOffset.UTC));
        if (only != null) {
            spec = spec.bind("visitor", only);
        }
        return spec.map(row -> new VisitResponse(row.get("id", UUID.class), row.get("visitor_id", UUID.class),
                        row.get("unit_id", UUID.class), row.get("visited_at", OffsetDateTime.class).toInstant(),
                        row.get("heard", String.class), List.of(row.get("needs", String[].class))))
                .all().collectList();
    }

    @GetMapping("/compliance")
    @Operation(summary = "Who is behind on visits", description = "For a community week (Monday–Sunday, Asia/Shanghai), per grid: each leadership-team member's and grid worker's distinct households against their target.")
    Mono<Report> compliance(
            @RequestParam(required = false) @Parameter(description = "ISO week, e.g. 2026-W48; default: this week") String week,
            @RequestParam(required = false) @Parameter(description = "only this grid") String grid,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        if (!caller.isStaff() && !caller.hasRole(Role.GRID_WORKER.name())) {
            return Mono.error(DomainException.forbidden("Only staff and grid workers read the visit report."));
        }
        CommunityWeek range = week(week);
        Mono<List<Obligation>> obligations = database.sql("""
                        SELECT m.id, m.name, m.leadership, 'GRID_WORKER' = ANY(m.roles) AS grid_worker,
                               coalesce((SELECT g.code FROM grid_chief gc JOIN grid g ON g.id = gc.grid_id
                                         WHERE gc.member_id = m.id ORDER BY gc.kind = 'GRID' DESC, g.code LIMIT 1),
                                        hg.code) AS grid
                        FROM member m
                        LEFT JOIN unit u ON u.id = m.unit_id
                        LEFT JOIN building b ON b.id = u.building_id
                        LEFT JOIN grid hg ON hg.id = b.grid_id
                        WHERE m.active AND (m.leadership OR 'GRID_WORKER' = ANY(m.roles))""")
                .map(row -> {
                    boolean leadership = Boolean.TRUE.equals(row.get("leadership", Boolean.class));
                    return new Obligation(row.get("id", UUID.class), row.get("name", String.class),
                            leadership ? "LEADERSHIP" : "GRID_WORKER", row.get("grid", String.class),
                            leadership ? properties.leadershipWeeklyTarget() : properties.gridWorkerWeeklyTarget());
                })
                .all()
                .filter(obligation -> grid == null || grid.equals(obligation.gridCode()))
                .collectList();
        Mono<List<Visit>> visits = database.sql("""
                        SELECT visitor_id, unit_id, visited_at FROM visit WHERE visited_at >= :from AND visited_at < :to""")
                .bind("from", OffsetDateTime.ofInstant(range.start(), ZoneOffset.UTC))
                .bind("to", OffsetDateTime.ofInstant(range.end(), ZoneOffset.UTC))
                .map(row -> new Visit(row.get("visitor_id", UUID.class), row.get("unit_id", UUID.class),
                        row.get("visited_at", OffsetDateTime.class).toInstant()))
                .all().collectList();
        return Mono.zip(obligations, visits).map(both -> WeeklyCompliance.compute(range, both.getT1(), both.getT2()));
    }

    private Mono<Void> mayVisit(UUID visitor, Caller caller) {
        if (caller.hasRole(Role.GRID_WORKER.name()) || caller.isStaff()) {
            return Mono.empty();
        }
        return database.sql("SELECT leadership FROM member WHERE id = :id AND active").bind("id", visitor)
                .map(row -> Boolean.TRUE.equals(row.get("leadership", Boolean.class))).one()
                .defaultIfEmpty(false)
                .flatMap(leadership -> leadership ? Mono.empty() : Mono.error(DomainException.forbidden("Only leadership-team members, grid workers and staff log visits.")));
    }

    private CommunityWeek week(String week) {
        if (week == null || week.isBlank()) {
            return CommunityWeek.containing(Instant.now(), properties.zone());
        }
        try {
            return CommunityWeek.of(week.trim(), properties.zone());
        }
        catch (IllegalArgumentException e) {
            throw DomainException.invalid("bad-week", e.getMessage());
        }
    }

    record VisitRequest(@NotNull UUID unitId, OffsetDateTime visitedAt, @Schema(example = "The lift in building 5 stops between floors; the resident of 301 (82) cannot use the stairs.") @NotBlank @Size(max = 4000) String heard,
            @Schema(example = "[\"lift repair\", \"shopping help on Saturdays\"]") @Size(max = 20) List<@NotBlank @Size(max = 500) String> needs) {
    }

    record VisitResponse(UUID id, UUID visitorId, UUID unitId, Instant visitedAt, @Schema(example = "The lift in building 5 stops between floors; the resident of 301 (82) cannot use the stairs.") String heard,
            @Schema(example = "[\"lift repair\", \"shopping help on Saturdays\"]") List<String> needs) {
    }
}
