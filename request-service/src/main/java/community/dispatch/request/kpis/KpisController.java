package community.dispatch.request.kpis;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

@RestController
@Tag(name = "KPIs", description = "The three rates and the SLA figures (staff)")
@RequiredArgsConstructor
class KpisController {

    private final Kpis kpis;

    @GetMapping("/api/v1/requests/kpis")
    @Operation(summary = "Response, resolution and satisfaction rates, SLA compliance, median times", description = """
            Over the requests submitted from `from` to `to` (inclusive days in the community's zone; default: this \
            month), overall or per category, grid or team. Cancelled and rejected requests and duplicates \
            do not count. Rates are shares from 0 to 1.""")
    Mono<Kpis.Report> figures(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "NONE") @Parameter(description = "NONE, CATEGORY, GRID or TEAM") Kpis.GroupBy groupBy,
            @AuthenticationPrincipal Jwt jwt) {
        if (!Caller.of(jwt).isStaff()) {
            return Mono.error(DomainException.forbidden("Only staff read the KPIs."));
        }
        return kpis.report(from, to, groupBy);
    }

}
