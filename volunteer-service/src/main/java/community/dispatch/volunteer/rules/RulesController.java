package community.dispatch.volunteer.rules;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import community.dispatch.kit.web.Versions;
import community.dispatch.volunteer.dispatching.Candidates;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.lab.DispatchLab;
import community.dispatch.volunteer.lab.LabRuns;
import community.dispatch.volunteer.teams.Volunteers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

@RestController
@RequestMapping("/api/v1/dispatch-rules")
@Validated
@Tag(name = "Dispatch rules", description = "How each category's requests are dispatched: data administrators edit, checked, versioned and audited")
@RequiredArgsConstructor
class RulesController {

    private final RuleBook rules;
    private final Candidates candidates;
    private final Volunteers teams;
    private final LabRuns lab;

    @GetMapping
    @Operation(summary = "All rules (staff, team leaders)", description = "One per category: teams, skills, offer timeouts per urgency, offers before unassignable, DIRECT or POOL.")
    Mono<List<Rule>> all(@AuthenticationPrincipal Jwt jwt) {
        requireStaffOrLeader(Caller.of(jwt));
        return rules.all().collectList();
    }

    @GetMapping("/{categoryCode}")
    @Operation(summary = "One category's rule (staff, team leaders)", description = "Which teams are offered its requests, the skills needed, how long an offer waits per urgency, how many offers before it is unassignable. The ETag is its version.")
    Mono<ResponseEntity<Rule>> one(@PathVariable String categoryCode, @AuthenticationPrincipal Jwt jwt) {
        requireStaffOrLeader(Caller.of(jwt));
        return rules.find(categoryCode)
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("rule-not-found",
                        "There is no rule for '" + categoryCode + "'.")))
                .map(rule -> ResponseEntity.ok().eTag(Versions.eTag(rule.version())).body(rule));
    }

    @PutMapping("/{categoryCode}")
    @Operation(summary = "Set a category's rule (admins)", description = """
            Checked before it is saved: known teams, skill levels 1–5, every urgency's timeout above zero, at least \
            one offer, DIRECT or POOL. Send If-Match with the ETag you read. Every change is kept with who made it.""")
    @ApiResponse(responseCode = "200", description = "Saved; the ETag is the new version", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "The rule is not valid; errors name the fields")
    @ApiResponse(responseCode = "412", description = "The rule changed since you read it")
    Mono<ResponseEntity<Rule>> save(@PathVariable @Pattern(regexp = "^[a-z0-9-]{2,40}$") String categoryCode,
            @Valid @RequestBody RuleRequest body, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        if (!caller.hasRole(Caller.ADMIN)) {
            return Mono.error(DomainException.forbidden("Only admins change dispatch rules."));
        }
        Rule rule = new Rule(categoryCode, body.teams(), body.requiredSkills() == null ? Map.of() : body.requiredSkills(),
                body.timeouts(), body.maxOffers(), body.mode(), body.notifyRoles() == null ? List.of() : body.notifyRoles(), 0);
        return rules.save(rule, Versions.fromIfMatch(ifMatch, "stale-rule"), caller.subject())
                .map(saved -> ResponseEntity.ok().eTag(Versions.eTag(saved.version())).body(saved));
    }

    @GetMapping("/{categoryCode}/history")
    @Operation(summary = "Every change of a rule: who, when, before and after (admins)", description = "Newest first.")
    Mono<List<RuleBook.Change>> history(@PathVariable String categoryCode, @AuthenticationPrincipal Jwt jwt) {
        if (!Caller.of(jwt).hasRole(Caller.ADMIN)) {
            return Mono.error(DomainException.forbidden("Only admins read the rules' history."));
        }
        return rules.history(categoryCode).collectList();
    }

    @PostMapping("/preview")
    @ApiResponse(responseCode = "200", description = "The ranked candidates", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = "No rule for the category, or no such request")
    @Operation(summary = "Who would be offered a request, and why (staff; a team leader for the teams they lead)", description = """
            Give a requestId, or a categoryCode with urgency, compoundCode and gridCode: the answer ranks the eligible \
            volunteers available now (the first `limit`, default 20), each with the parts of the score (team, skill, \
            proximity, load, fairness, rating), whether they live in the building where help is wanted and how far \
            from it (metres, when both places are on the map). A team leader previews only rules that name a team \
            they lead, sees only those teams' volunteers, and never their distance, fairness (hours) or rating; \
            403 for another team's rule.""")
    Mono<List<Scoring.Scored>> preview(@Valid @RequestBody PreviewRequest body, @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        requireStaffOrLeader(caller);
        if (body.requestId() == null && body.categoryCode() == null) {
            return Mono.error(DomainException.invalid("validation-failed", "Give requestId or categoryCode.",
                    Map.of("errors", List.of(Map.of("field", "categoryCode", "message", "required without requestId")))));
        }
        int limit = body.limit() == null ? 20 : body.limit();
        return teams.scopeOf(caller).flatMap(scope -> candidates
                .preview(body.requestId(), body.categoryCode(), body.urgency(), body.compoundCode(), body.gridCode(), limit,
                        team -> scope.staff() || scope.covers(team))
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("rule-not-found", "No rule or no such request to preview.")))
                .flatMap(preview -> {
                    if (!scope.coversAnyOf(preview.rule().teams())) {
                        return Mono.error(DomainException.forbidden("Team leaders preview only the rules of teams they lead."));
                    }
                    return Mono.just(preview.ranked().stream()
                            .map(scored -> scope.staff() ? scored : scored.forLeader())
                            .toList());
                }));
    }

    @PostMapping("/{categoryCode}/lab")
    @ApiResponse(responseCode = "200", description = "How each policy did on the week", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A seed, busyness or weight out of range")
    @ApiResponse(responseCode = "404", description = "No rule for the category")
    @ApiResponse(responseCode = "429", description = "Another trial is running; retryAfterSeconds says when to try again")
    @Operation(summary = "Try a category's rule in the dispatch lab (staff; a team leader for the teams they lead)", description = """
            Replays a generated community week — the same week for the same seed — with this rule as saved, under \
            production's dispatch (greedy: the best score first) and three baselines: round-robin within the team, the \
            nearest able volunteer, and the optimal assignment per 60-second batch with the same weights; measured over \
            the week's requests of this category: minutes to acceptance, SLA compliance, share untaken, metres walked, \
            skill match, the spread of hours (Gini, busiest tenth) and the score as a share of the optimum's. Give \
            weights to see what a change would do (each one left out stays as in use). The volunteers and requests are \
            generated (volunteer-service's README, "Dispatch lab"), not the community's own. A team leader tries only \
            rules that name a team they lead; 403 for another team's rule.""")
    Mono<DispatchLab.Trial> lab(@PathVariable String categoryCode, @Valid @RequestBody(required = false) LabRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        requireStaffOrLeader(caller);
        LabRequest asked = body == null ? new LabRequest(null, null, null) : body;
        return rules.find(categoryCode)
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("rule-not-found",
                        "There is no rule for '" + categoryCode + "'.")))
                .zipWith(teams.scopeOf(caller))
                .flatMap(ruleAndScope -> ruleAndScope.getT2().coversAnyOf(ruleAndScope.getT1().teams())
                        ? lab.trial(ruleAndScope.getT1(), asked.weightsOver(candidates.weights()),
                                asked.seed() == null ? DispatchLab.SEED : asked.seed(), asked.busy() == null ? 1 : asked.busy())
                        : Mono.error(DomainException.forbidden("Team leaders try only the rules of teams they lead.")));
    }

    private static void requireStaffOrLeader(Caller caller) {
        if (!caller.isStaff() && !caller.hasRole(Volunteers.TEAM_LEADER)) {
            throw DomainException.forbidden("Only staff and team leaders read dispatch rules.");
        }
    }

    record RuleRequest(@Schema(example = "[\"angel\"]") @NotNull @Size(max = 6) List<@NotNull String> teams,
            @Schema(example = "{\"first-aid\": 3}", description = "Skill code → lowest level that qualifies") Map<String, Integer> requiredSkills,
            @Schema(example = "{\"EMERGENCY\": 120, \"URGENT\": 600, \"NORMAL\": 3600}", description = "Seconds an offer waits, per urgency")
            @NotNull Map<String, Integer> timeouts,
            @Schema(example = "5", description = "Offers before the request is unassignable") @NotNull Integer maxOffers,
            @Schema(example = "DIRECT", allowableValues = { "DIRECT", "POOL" }) @NotNull String mode,
            @Schema(example = "[\"TEAM_LEADER\", \"GRID_WORKER\"]") @Size(max = 10) List<@NotNull @Pattern(regexp = "^[A-Z_]{2,30}$") String> notifyRoles) {
    }

    record LabRequest(@Schema(example = "20261207", description = "The week's seed: the same seed, the same week") Long seed,
            @Schema(example = "1", description = "How many times busier than a usual week (1 to 5)") @DecimalMin("1") @DecimalMax("5")
            Double busy,
            @Schema(description = "Weights to try instead of those in use; each one left out stays as it is") @Valid
            LabWeights weights) {

        Scoring.Weights weightsOver(Scoring.Weights inUse) {
            return weights == null ? inUse : weights.over(inUse);
        }
    }

    record LabWeights(@Schema(example = "2.0") @DecimalMin("0") @DecimalMax("10") Double team,
            @Schema(example = "1.0") @DecimalMin("0") @DecimalMax("10") Double skill,
            @Schema(example = "3.0") @DecimalMin("0") @DecimalMax("10") Double proximity,
            @Schema(example = "1.0") @DecimalMin("0") @DecimalMax("10") Double load,
            @Schema(example = "2.0") @DecimalMin("0") @DecimalMax("10") Double fairness,
            @Schema(example = "0.5") @DecimalMin("0") @DecimalMax("10") Double rating) {

        Scoring.Weights over(Scoring.Weights inUse) {
            return new Scoring.Weights(team == null ? inUse.team() : team, skill == null ? inUse.skill() : skill,
                    proximity == null ? inUse.proximity() : proximity, load == null ? inUse.load() : load,
                    fairness == null ? inUse.fairness() : fairness, rating == null ? inUse.rating() : rating);
        }
    }

    record PreviewRequest(UUID requestId, @Schema(example = "free-clinic") String categoryCode,
            @Schema(example = "URGENT", allowableValues = { "EMERGENCY", "URGENT", "NORMAL", "COMPLEX" })
            @Pattern(regexp = "EMERGENCY|URGENT|NORMAL|COMPLEX") String urgency,
            @Schema(example = "C05") String compoundCode, @Schema(example = "G03") String gridCode,
            @Schema(example = "10") @Min(1) @Max(500) Integer limit) {
    }
}
