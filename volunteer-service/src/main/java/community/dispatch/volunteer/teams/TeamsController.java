package community.dispatch.volunteer.teams;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.audit.AuditEntry;
import community.dispatch.kit.audit.AuditTrail;
import community.dispatch.volunteer.teams.Availability.Leave;
import community.dispatch.volunteer.teams.Availability.Window;
import community.dispatch.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

@RestController
@Validated
@Tag(name = "Teams and volunteers", description = "The six volunteer teams and volunteers' profiles")
@RequiredArgsConstructor
class TeamsController {

    private final Volunteers volunteers;
    private final AuditTrail audit;

    @GetMapping("/api/v1/teams")
    @Operation(summary = "The volunteer teams", description = "With `name` and `station` in the language of Accept-Language (zh-CN / zh-Hans or plain zh: Simplified Chinese; zh-TW / zh-HK / zh-Hant: Traditional; otherwise English, stations in Simplified), every form of the name, and the categories each serves.")
    Mono<List<TeamResponse>> teams(@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        return volunteers.teams().map(team -> TeamResponse.of(team, language)).collectList();
    }

    @PutMapping("/api/v1/teams/{key}")
    @Operation(summary = "Change a team (admins)", description = "Names, description, home station (陣地) and the categories it serves.")
    Mono<TeamResponse> change(@PathVariable String key, @Valid @RequestBody TeamRequest body,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language,
            @AuthenticationPrincipal Jwt jwt) {
        return volunteers.changeTeam(new Team(key, body.nameZh(), blankToNull(body.nameZhHant()), body.nameEn(),
                        body.description(), body.station(), blankToNull(body.stationZhHant()), body.categories()), Caller.of(jwt))
                .map(team -> TeamResponse.of(team, language));
    }

    @GetMapping("/api/v1/teams/audit")
    @Operation(summary = "The teams' audit trail (admins)", description = "Team changes, leaders appointed and dismissed, volunteers placed in teams, and refused attempts at these; newest first, size at most 200.")
    Mono<List<AuditEntry>> audit(@RequestParam(required = false) @Parameter(description = "Only entries about this member id or team key") String target,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            @AuthenticationPrincipal Jwt jwt) {
        return audit.read(target, page, size, Caller.of(jwt));
    }

    @GetMapping("/api/v1/teams/leaders")
    @Operation(summary = "Each team's leaders (staff: every team; a team leader: the teams they lead)",
            description = "Team key → the member ids of its leaders, in the teams' order. A team leader learns here which teams they lead.")
    @ApiResponse(responseCode = "200", description = "Team key → its leaders' member ids", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Neither staff nor a team leader")
    Mono<Map<String, List<UUID>>> leadership(@AuthenticationPrincipal Jwt jwt) {
        return volunteers.leadership(Caller.of(jwt));
    }

    @PutMapping("/api/v1/teams/{key}/leaders/{memberId}")
    @Operation(summary = "Appoint a team leader (staff)", description = "The volunteer must be in the team. Answers the team's leaders.")
    Mono<List<UUID>> appointLeader(@PathVariable String key, @PathVariable UUID memberId, @AuthenticationPrincipal Jwt jwt) {
        return volunteers.appointLeader(key, memberId, Caller.of(jwt));
    }

    @DeleteMapping("/api/v1/teams/{key}/leaders/{memberId}")
    @Operation(summary = "Dismiss a team leader (staff)", description = "Answers the team's remaining leaders.")
    Mono<List<UUID>> dismissLeader(@PathVariable String key, @PathVariable UUID memberId, @AuthenticationPrincipal Jwt jwt) {
        return volunteers.dismissLeader(key, memberId, Caller.of(jwt));
    }

    @GetMapping("/api/v1/volunteers/me")
    @ApiResponse(responseCode = "200", description = "Your profile", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "You have no volunteer profile")
    @Operation(summary = "Your volunteer profile", description = "Members with the VOLUNTEER role have one.")
    Mono<VolunteerProfile> me(@AuthenticationPrincipal Jwt jwt) {
        return volunteers.profile(Caller.of(jwt).memberId())
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("volunteer-not-found",
                        "You have no volunteer profile.")));
    }

    @PutMapping("/api/v1/volunteers/{memberId}/teams")
    @Operation(summary = "Put a volunteer in teams (staff; a team leader in and out of the teams they lead)", description = "A team leader never moves themself.")
    Mono<VolunteerProfile> assign(@PathVariable UUID memberId, @Valid @RequestBody TeamsRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return volunteers.placeInTeams(memberId, body.teams(), Caller.of(jwt));
    }

    @PutMapping("/api/v1/volunteers/{memberId}/profile")
    @ApiResponse(responseCode = "200", description = "Set; the volunteer's profile", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "The volunteer themself: leaders and staff set these")
    @Operation(summary = "Set a volunteer's skills, grid and load (a leader of one of their teams, staff)", description = """
            Skills with a level from 1 to 5 (the levels rules require, certified by the volunteer's leaders or staff), \
            the grid, and how many orders at once (default 2). Replaces all three; audited. Never the volunteer themself \
            (403), who keeps their availability (PUT …/availability).""")
    Mono<VolunteerProfile> profile(@PathVariable UUID memberId, @Valid @RequestBody ProfileRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return volunteers.setProfile(memberId, body.skills() == null ? Map.of() : body.skills(), body.gridCode(),
                body.maxConcurrent() == null ? 2 : body.maxConcurrent(), Caller.of(jwt));
    }

    @PutMapping("/api/v1/volunteers/{memberId}/availability")
    @Operation(summary = "Set when a volunteer is free and away (the volunteer, team leaders, staff)", description = """
            Weekly availability (windows in the community's zone; one whose end is before its start runs past midnight) \
            and leave. Replaces both. No windows: any time.""")
    Mono<VolunteerProfile> availability(@PathVariable UUID memberId, @Valid @RequestBody AvailabilityRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return volunteers.setAvailability(memberId, new Availability(body.weekly(), body.leave()), Caller.of(jwt));
    }

    record ProfileRequest(
            @Schema(example = "{\"first-aid\": 4, \"plumbing\": 3}", description = "Skill code → level 1 (beginner) to 5 (expert)")
            @Size(max = 50) Map<@Pattern(regexp = "^[a-z0-9-]{2,40}$") String, @Min(1) @Max(5) Integer> skills,
            @Schema(example = "G03") @Size(max = 20) String gridCode,
            @Schema(example = "2", description = "Orders at once") @Min(1) @Max(10) Integer maxConcurrent) {
    }

    record AvailabilityRequest(
            @Size(max = 21) List<@NotNull @Valid Window> weekly,
            @Size(max = 50) List<@NotNull @Valid Leave> leave) {
    }

    record TeamsRequest(@Schema(example = "[\"angel\", \"baoliang\"]") @NotNull @Size(max = 6) List<String> teams) {
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    record TeamRequest(@Schema(example = "织女", description = "In Simplified Chinese") @NotBlank @Size(max = 50) String nameZh,
            @Schema(example = "織女", description = "In Traditional Chinese; without it, Traditional readers get nameZh")
            @Size(max = 50) String nameZhHant,
            @Schema(example = "Angel") @NotBlank @Size(max = 50) String nameEn,
            @Schema(example = "Volunteers from the area's hospitals and health stations: free clinics and health education.")
            @NotBlank @Size(max = 2000) String description,
            @Schema(example = "家心岗", description = "In Simplified Chinese") @NotBlank @Size(max = 50) String station,
            @Schema(example = "家心崗", description = "In Traditional Chinese (optional)") @Size(max = 50) String stationZhHant,
            @Schema(example = "[\"free-clinic\", \"health-talk\"]")
            @NotNull @Size(max = 30) List<@NotNull @Pattern(regexp = "^[a-z0-9-]{2,40}$") String> categories) {
    }

    record TeamResponse(@Schema(example = "angel") String key,
            @Schema(example = "Angel", description = "In the language asked for (Accept-Language)") String name,
            @Schema(example = "织女", description = "In Simplified Chinese") String nameZh,
            @Schema(example = "織女", description = "In Traditional Chinese (null: as nameZh)") String nameZhHant,
            @Schema(example = "Weaver") String nameEn,
            @Schema(example = "Volunteers from the area's hospitals and health stations: free clinics and health education.") String description,
            @Schema(example = "家心岗", description = "In the Chinese script asked for (Simplified unless Traditional is)") String station,
            @Schema(example = "[\"free-clinic\", \"health-talk\"]") List<String> categories) {

        static TeamResponse of(Team team, String language) {
            return new TeamResponse(team.key(), team.name(language), team.nameZh(), team.nameZhHant(), team.nameEn(),
                    team.description(), team.station(language), team.categories());
        }
    }
}
