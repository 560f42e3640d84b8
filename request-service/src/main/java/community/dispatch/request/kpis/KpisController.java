package community.dispatch.request.kpis;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.web.problem.DomainProblem;
import community.dispatch.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "KPIs", description = "The three rates and the SLA figures (staff)")
class KpisController {

    private static final ZoneId COMMUNITY = ZoneId.of("Asia/Shanghai");

    private final Kpis kpis;

    KpisController(Kpis kpis) {
        this.kpis = kpis;
    }

    @GetMapping("/api/v1/requests/kpis")
    @Operation(summary = "Response, resolution and satisfaction rates, SLA compliance, median times", description = """
            Over the requests submitted from `from` to `to` (inclusive days in Asia/Shanghai; default: this \
            month), overall or per category, grid or team. Cancelled and rejected requests and duplicates \
            do not count. Rates are shares from 0 to 1.""")
    Mono<Report> figures(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "NONE") @Parameter(description = "NONE, CATEGORY, GRID or TEAM") Kpis.GroupBy groupBy,
            @AuthenticationPrincipal Jwt jwt) {
        if (!Caller.of(jwt).isStaff()) {
            return Mono.error(new DomainProblem(HttpStatus.FORBIDDEN, "forbidden", "Only staff read the KPIs."));
        }
        LocalDate today = LocalDate.now(COMMUNITY);
        LocalDate first = from != null ? from : today.with(TemporalAdjusters.firstDayOfMonth());
        LocalDate last = to != null ? to : today.with(TemporalAdjusters.lastDayOfMonth());
        if (last.isBefore(first)) {
            return Mono.error(new DomainProblem(HttpStatus.BAD_REQUEST, "validation-failed", "to is before from.",
                    Map.of("errors", List.of(Map.of("field", "to", "message", "must not be before from")))));
        }
        return kpis.between(first.atStartOfDay(COMMUNITY).toInstant(), last.plusDays(1).atStartOfDay(COMMUNITY).toInstant(),
                        groupBy)
                .map(figures -> new Report(first, last, groupBy, figures));
    }

    /** The figures of a period, overall or one row per group. */
    record Report(LocalDate from, LocalDate to, Kpis.GroupBy groupBy, List<Kpis.Figures> figures) {
    }
}
