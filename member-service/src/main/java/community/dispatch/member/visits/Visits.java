package community.dispatch.member.visits;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.metrics.Committed;
import community.dispatch.kit.security.Caller;
import community.dispatch.kit.time.CommunityProperties;
import community.dispatch.member.people.domain.Role;
import community.dispatch.member.visits.WeeklyCompliance.Obligation;
import community.dispatch.member.visits.WeeklyCompliance.Report;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Household visits (初心大走訪): who may log one, who sees which, and who is behind on their weekly
 * quota. A grid worker's view is the grids staff gave them posts in, never where they live. Weeks run
 * Monday to Sunday in the community's zone.
 */
@Service
@EnableConfigurationProperties(VisitProperties.class)
class Visits {

    /** A logged visit. */
    record Logged(UUID id, UUID visitorId, UUID unitId, Instant visitedAt,
            @Schema(example = "The lift in building 5 stops between floors; the resident of 301 (82) cannot use the stairs.") String heard,
            @Schema(example = "[\"lift repair\", \"shopping help on Saturdays\"]") List<String> needs) {
    }

    private final VisitStore store;
    private final VisitProperties properties;
    private final CommunityProperties community;
    private final Clock clock;
    private final Counter logged;

    Visits(VisitStore store, VisitProperties properties, CommunityProperties community, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.properties = properties;
        this.community = community;
        this.clock = clock;
        this.logged = Counter.builder("dispatch.visits.logged").description("Household visits logged").register(meters);
    }

    /**
     * The caller logs a visit to a household, now or earlier this week or last (community calendar): a week's figures
     * are not rewritten later. A grid worker logs visits to the households of the grids they serve, leadership-team
     * members and staff to any.
     */
    Mono<Logged> log(UUID unit, Instant visitedAt, String heard, List<String> needs, Caller caller) {
        UUID visitor = caller.memberId();
        Instant now = clock.instant();
        Instant at = visitedAt == null ? now : visitedAt;
        if (at.isAfter(now.plusSeconds(300))) {
            return Mono.error(DomainException.invalid("visit-in-future", "A visit cannot be logged ahead of time."));
        }
        Instant lastWeek = CommunityWeek.containing(now, community.zone()).start().minus(Duration.ofDays(7));
        if (at.isBefore(lastWeek)) {
            return Mono.error(DomainException.invalidField("visitedAt", "a visit is logged in the week it was made or the next"));
        }
        Logged visit = new Logged(UUID.randomUUID(), visitor, unit, at, heard, needs == null ? List.of() : needs);
        return mayVisit(visitor, caller)
                .flatMap(anywhere -> store.gridOfUnit(unit)
                        .switchIfEmpty(Mono.error(() -> DomainException.invalid("unknown-unit", "There is no unit " + unit + ".")))
                        .flatMap(grid -> anywhere || caller.serves(grid) ? store.insert(visit)
                                : Mono.error(DomainException.forbidden("A grid worker logs visits to the households of the "
                                        + "grids they serve."))))
                .then(Committed.measure(logged::increment))
                .thenReturn(visit);
    }

    /**
     * Visits of a week: staff see everyone's (or one visitor's); a grid worker their own and those to
     * households of the grids they serve; others their own.
     */
    Mono<List<Logged>> list(String week, UUID visitor, int page, int size, Caller caller) {
        CommunityWeek range = week(week);
        if (caller.isStaff()) {
            return store.between(range.start(), range.end(), visitor, null, page, size).collectList();
        }
        if (caller.hasRole(Role.GRID_WORKER.name())) {
            return store.between(range.start(), range.end(), visitor, new VisitStore.Scope(caller.memberId(), caller.servedGrids()),
                    page, size).collectList();
        }
        return store.between(range.start(), range.end(), caller.memberId(), null, page, size).collectList();
    }

    /** Each leadership-team member's and grid worker's distinct households against their target. */
    Mono<Report> compliance(String week, String grid, Caller caller) {
        if (!caller.isStaff() && !caller.hasRole(Role.GRID_WORKER.name())) {
            return Mono.error(DomainException.forbidden("Only staff and grid workers read the visit report."));
        }
        if (!caller.isStaff() && grid != null && !caller.serves(grid)) {
            return Mono.error(DomainException.forbidden("Grid workers read the report of the grids they serve."));
        }
        return report(week(week), obligation -> (grid == null || grid.equals(obligation.gridCode()))
                && (caller.isStaff() || caller.serves(obligation.gridCode())));
    }

    /** This week's report of every visitor with a quota, for the figures. */
    Mono<Report> thisWeek() {
        return report(week(null), obligation -> true);
    }

    private Mono<Report> report(CommunityWeek range, Predicate<Obligation> shown) {
        Mono<List<Obligation>> obligations = store.visitorsWithQuota()
                .map(visitor -> new Obligation(visitor.memberId(), visitor.name(),
                        visitor.leadership() ? "LEADERSHIP" : Role.GRID_WORKER.name(), visitor.gridCode(),
                        visitor.leadership() ? properties.leadershipWeeklyTarget() : properties.gridWorkerWeeklyTarget()))
                .filter(shown)
                .collectList();
        return Mono.zip(obligations, store.counted(range.start(), range.end()).collectList())
                .map(both -> WeeklyCompliance.compute(range, both.getT1(), both.getT2()));
    }

    /**
     * Whether the caller may log visits, and where: true for anywhere in the community (staff, the leadership team
     * on their household visits), false for the grids they serve (a grid worker); refused for anyone else.
     */
    private Mono<Boolean> mayVisit(UUID visitor, Caller caller) {
        if (caller.isStaff()) {
            return Mono.just(true);
        }
        return store.inLeadership(visitor).flatMap(leadership -> leadership ? Mono.just(true)
                : caller.hasRole(Role.GRID_WORKER.name()) ? Mono.just(false)
                : Mono.error(DomainException.forbidden("Only leadership-team members, grid workers and staff log visits.")));
    }

    private CommunityWeek week(String week) {
        if (week == null || week.isBlank()) {
            return CommunityWeek.containing(clock.instant(), community.zone());
        }
        try {
            return CommunityWeek.of(week.trim(), community.zone());
        }
        catch (IllegalArgumentException e) {
            throw DomainException.invalid("bad-week", e.getMessage());
        }
    }
}
