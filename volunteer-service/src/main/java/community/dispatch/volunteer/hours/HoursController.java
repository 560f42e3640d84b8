package community.dispatch.volunteer.hours;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import community.dispatch.volunteer.teams.Volunteers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

@RestController
@Validated
@Tag(name = "Time bank", description = "Service hours from orders (信用時), certified honour hours (榮譽時), points")
@RequiredArgsConstructor
class HoursController {

    private final TimeBank bank;
    private final Volunteers volunteers;

    @GetMapping("/api/v1/volunteers/{memberId}/hours")
    @Operation(summary = "A volunteer's statement (the volunteer, their team leaders, staff)", description = "Days from–to in the community's zone, default this month.")
    Mono<TimeBank.Statement> statement(@PathVariable UUID memberId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return volunteers.mayManage(caller, memberId, true)
                .flatMap(ok -> ok ? bank.statement(memberId, from, to)
                        : Mono.error(Volunteers.notFound(memberId)));
    }

    @PostMapping("/api/v1/volunteers/{memberId}/honour-hours")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Certify honour hours for an activity outside orders (staff, the volunteer's team leaders)", description = "Half hours, at most 8 an entry and 8 a day, for a day within the last 30; never one's own. Audited. Answers the volunteer's statement for that day.")
    Mono<TimeBank.Statement> certify(@PathVariable UUID memberId, @Valid @RequestBody HonourRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        if (body.hours() * 2 != Math.rint(body.hours() * 2)) {
            return Mono.error(DomainException.invalid("validation-failed", "Hours come in halves.",
                    Map.of("errors", List.of(Map.of("field", "hours", "message", "must be a multiple of 0.5")))));
        }
        return volunteers.mayManage(caller, memberId, false).flatMap(ok -> ok ? volunteers.profile(memberId)
                        .switchIfEmpty(Mono.error(() -> Volunteers.notFound(memberId)))
                        .then(bank.certify(memberId, body.hours(), body.activity(), body.onDate(), caller))
                        .then(bank.statement(memberId, body.onDate(), body.onDate()))
                : Mono.error(DomainException.forbidden("Only staff and the volunteer's team leaders certify hours.")));
    }

    @GetMapping("/api/v1/teams/{key}/hours")
    @Operation(summary = "A team's hours and points per volunteer (staff, the team's leaders)", description = "Days from–to in the community's zone, default this month.")
    Mono<TimeBank.TeamTotals> team(@PathVariable String key,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @AuthenticationPrincipal Jwt jwt) {
        return volunteers.scopeOf(Caller.of(jwt)).map(scope -> scope.covers(key))
                .flatMap(ok -> ok ? bank.team(key, from, to)
                        : Mono.error(DomainException.forbidden("Only staff and the team's leaders read its totals.")));
    }


    record HonourRequest(@Schema(example = "3.5") @NotNull @DecimalMin("0.5") @DecimalMax("8") Double hours,
            @Schema(example = "Flood-season river patrol along the east bank") @NotBlank @Size(max = 500) String activity,
            @NotNull LocalDate onDate) {
    }
}
