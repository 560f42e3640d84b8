package community.dispatch.member.visits;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.kit.security.Caller;
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
import lombok.RequiredArgsConstructor;

@RestController
@RequestMapping("/api/v1/visits")
@Validated
@Tag(name = "Visits", description = "Household visits (初心大走訪) and the weekly quota report")
@RequiredArgsConstructor
class VisitsController {

    private final Visits visits;

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Logged", useReturnTypeSchema = true)
    @Operation(summary = "Log a visit", description = "Leadership-team members and grid workers log the households they visit: what they heard and the needs raised.")
    Mono<ResponseEntity<Visits.Logged>> log(@Valid @RequestBody VisitRequest request, @AuthenticationPrincipal Jwt jwt) {
        return visits.log(request.unitId(), request.visitedAt() == null ? null : request.visitedAt().toInstant(),
                        request.heard(), request.needs(), Caller.of(jwt))
                .map(visit -> ResponseEntity.created(URI.create("/api/v1/visits/" + visit.id())).body(visit));
    }

    @GetMapping
    @Operation(summary = "Visits of a week", description = "Staff see everyone's visits; grid workers their own and those to households of the grids they serve; others their own. Oldest first; size at most 200.")
    Mono<List<Visits.Logged>> list(
            @RequestParam(required = false) @Parameter(description = "ISO week, e.g. 2026-W48; default: this week") String week,
            @RequestParam(required = false) UUID visitor,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            @AuthenticationPrincipal Jwt jwt) {
        return visits.list(week, visitor, page, size, Caller.of(jwt));
    }

    @GetMapping("/compliance")
    @Operation(summary = "Who is behind on visits", description = "For a community week (Monday–Sunday, in the community's zone), per grid: each leadership-team member's and grid worker's distinct households against their target. Grid workers see the grids they serve.")
    Mono<WeeklyCompliance.Report> compliance(
            @RequestParam(required = false) @Parameter(description = "ISO week, e.g. 2026-W48; default: this week") String week,
            @RequestParam(required = false) @Parameter(description = "only this grid") String grid,
            @AuthenticationPrincipal Jwt jwt) {
        return visits.compliance(week, grid, Caller.of(jwt));
    }

    record VisitRequest(@NotNull UUID unitId, OffsetDateTime visitedAt, @Schema(example = "The lift in building 5 stops between floors; the resident of 301 (82) cannot use the stairs.") @NotBlank @Size(max = 4000) String heard,
            @Schema(example = "[\"lift repair\", \"shopping help on Saturdays\"]") @Size(max = 20) List<@NotBlank @Size(max = 500) String> needs) {
    }
}
