package community.dispatch.request.requests;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.kit.security.Caller;
import community.dispatch.kit.web.Versions;
import community.dispatch.request.catalogue.Urgency;

import community.dispatch.request.requests.domain.Channel;
import community.dispatch.request.requests.domain.ServiceRequest;
import community.dispatch.request.requests.domain.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import lombok.RequiredArgsConstructor;

@RestController
@RequestMapping("/api/v1/requests")
@Validated
@Tag(name = "Requests", description = "Residents' needs from submission to evaluation (collect orders, 詢單)")
@RequiredArgsConstructor
class RequestsController {

    private final RequestIntake intake;
    private final RequestAccess access;
    private final RequestDecisions decisions;
    private final JsonMapper json;

    @PostMapping
    @Operation(summary = "Submit a request", description = """
            A resident submits for themself (channel APP); grid workers, the five chiefs and staff submit on a \
            resident's behalf (onBehalfOf, channel GRID_REPORT, VISIT or HOTLINE). A retried call with the same \
            Idempotency-Key answers with the first request.""")
    @ApiResponse(responseCode = "201", description = """
            Submitted; deadlines set. With the request come possible duplicates: open requests of the same \
            category from the last 7 days in the same building or within 50 m (those you may see), and how many \
            there are in all.""")
    @ApiResponse(responseCode = "400", description = "Invalid fields or answers, unknown category")
    Mono<ResponseEntity<Submitted>> submit(@Valid @RequestBody SubmitRequest body, @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return intake.submit(body.toSubmission(), caller)
                .flatMap(stored -> intake.hintsFor(stored, caller).map(hints -> ResponseEntity
                        .created(URI.create("/api/v1/requests/" + stored.request().id()))
                        .eTag(Versions.eTag(stored.request().version()))
                        .body(new Submitted(RequestResponse.of(stored, json), hints.similarOpenRequests(),
                                hints.visible().stream().map(DuplicateHint::of).toList()))));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One request", description = "Your own; grid workers those of the grids they serve; staff any. Anyone else's is 404.")
    Mono<ResponseEntity<RequestResponse>> one(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return access.get(id, Caller.of(jwt))
                .map(stored -> ResponseEntity.ok().eTag(Versions.eTag(stored.request().version()))
                        .body(RequestResponse.of(stored, json)));
    }

    @GetMapping("/{id}/timeline")
    @Operation(summary = "Every move of a request: who, when, why", description = "Oldest first, from submission on; visible to whoever may see the request, 404 to anyone else.")
    Mono<List<TimelineEntry>> timeline(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return access.timeline(id, Caller.of(jwt)).collectList();
    }

    @GetMapping
    @Operation(summary = "Find requests", description = "Newest first. Residents see their own, grid workers those of the grids they serve, staff all; size at most 100.")
    Mono<RequestPage> list(@RequestParam(required = false) Status status,
            @RequestParam(required = false) String category, @RequestParam(required = false) String grid,
            @RequestParam(required = false) String compound, @RequestParam(required = false) Urgency urgency,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) OffsetDateTime from, @RequestParam(required = false) OffsetDateTime to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            @AuthenticationPrincipal Jwt jwt) {
        RequestFilter filter = new RequestFilter(null, grid, status, category, compound, urgency, overdue,
                from == null ? null : from.toInstant(), to == null ? null : to.toInstant(), null);
        return access.list(filter, page, size, Caller.of(jwt)).map(found -> new RequestPage(
                found.items().stream().map(stored -> RequestResponse.of(stored, json)).toList(),
                found.page(), found.size(), found.total()));
    }

    @PostMapping("/{id}/cancellation")
    @Operation(summary = "Withdraw a request", description = "The requester, before work starts.")
    @ApiResponse(responseCode = "200", description = "Withdrawn: the request as it now stands", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Work has started or the request is finished")
    Mono<RequestResponse> cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) ReasonRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return decisions.cancel(id, body == null ? null : body.reason(), Caller.of(jwt))
                .map(stored -> RequestResponse.of(stored, json));
    }

    @PostMapping("/{id}/duplicate")
    @ApiResponse(responseCode = "200", description = "Closed as a duplicate", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The request is finished already")
    @Operation(summary = "Close a request as a duplicate of another (staff)", description = "It closes and points to the original.")
    Mono<RequestResponse> duplicate(@PathVariable UUID id, @Valid @RequestBody DuplicateRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return decisions.closeAsDuplicate(id, body.originalId(), Caller.of(jwt))
                .map(stored -> RequestResponse.of(stored, json));
    }

    @GetMapping("/{id}/deliberation")
    @Operation(summary = "Where a dispute stands on the deliberation ladder", description = """
            ONLINE_DELIBERATION (網上議事) → PROPERTY_COUNCIL (物業黨群議事) → COMMUNITY_COUNCIL (社區黨群議事): \
            the current rung, its deadline and every session held.""")
    Mono<DisputeLadder.Standing> deliberation(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return decisions.deliberation(id, Caller.of(jwt));
    }

    @PostMapping("/{id}/deliberation/sessions")
    @Operation(summary = "Record a deliberation session (staff)", description = "Outcome SETTLED resolves the dispute; it then goes to evaluation.")
    @ApiResponse(responseCode = "200", description = "Recorded: the request as it now stands", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Not a dispute under deliberation")
    Mono<RequestResponse> session(@PathVariable UUID id, @Valid @RequestBody SessionRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return decisions.recordSession(id, body.heldOn(), body.parties(), body.outcome(), body.notes(), Caller.of(jwt))
                .map(stored -> RequestResponse.of(stored, json));
    }

    @PostMapping("/{id}/deliberation/escalation")
    @ApiResponse(responseCode = "200", description = "On the next rung, or escalated to staff", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Not a dispute under deliberation")
    @Operation(summary = "Take an unsettled dispute to the next rung (staff)", description = "Past the community council, the request is escalated to staff.")
    Mono<RequestResponse> climb(@PathVariable UUID id, @Valid @RequestBody(required = false) ReasonRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return decisions.climbLadder(id, body == null ? null : body.reason(), Caller.of(jwt))
                .map(stored -> RequestResponse.of(stored, json));
    }

    @PostMapping("/{id}/urgency")
    @ApiResponse(responseCode = "200", description = "Reclassified; the deadlines counted again", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The request is finished already")
    @Operation(summary = "Reclassify the urgency (staff)", description = "E.g. COMPLEX for a request that needs more time; the deadlines are counted again from submission.")
    Mono<RequestResponse> reclassify(@PathVariable UUID id, @Valid @RequestBody UrgencyRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return decisions.reclassify(id, body.urgency(), Caller.of(jwt))
                .map(stored -> RequestResponse.of(stored, json));
    }

    @PostMapping("/{id}/rejection")
    @ApiResponse(responseCode = "200", description = "Turned down", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The request is finished already")
    @Operation(summary = "Turn a request down as out of scope (退單; staff)", description = "With a reason the requester sees; the request is finished (409 if it already is).")
    Mono<RequestResponse> reject(@PathVariable UUID id, @Valid @RequestBody ReasonRequest body, @AuthenticationPrincipal Jwt jwt) {
        return decisions.reject(id, body.reason(), Caller.of(jwt))
                .map(stored -> RequestResponse.of(stored, json));
    }

    @PostMapping("/{id}/evaluation")
    @Operation(summary = "Rate resolved work (評單)", description = "The requester, 1–5 stars: 1–2 reopens the request for another round (重辦), 3–5 closes it.")
    @ApiResponse(responseCode = "200", description = "Rated: the request closed, reopened or escalated", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "The request is not resolved")
    Mono<RequestResponse> evaluate(@PathVariable UUID id, @Valid @RequestBody EvaluationRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return decisions.evaluate(id, body.rating(), body.comment(), Caller.of(jwt))
                .map(stored -> RequestResponse.of(stored, json));
    }

    record SubmitRequest(
            @Schema(example = "household-help", description = "A category code from GET /api/v1/categories") @NotBlank @Size(max = 40) String categoryCode,
            @Schema(description = "Omitted: the category's SLA class") Urgency urgency,
            @Schema(description = "Omitted: APP") Channel channel,
            @Schema(description = "The resident a grid worker, chief or staff member submits for") UUID onBehalfOf,
            @Schema(example = "The kitchen tap in unit 301 has dripped for two days; my mother is 82 and cannot fix it.")
            @NotBlank @Size(max = 4000) String description,
            @Schema(example = "{\"room\": \"kitchen\", \"elderly-at-home\": true}",
                    description = "Answers to the category's attributes, by attribute code") Map<String, Object> attributes,
            @Valid LocationRequest location,
            @Valid WindowRequest preferredWindow,
            @Schema(example = "[\"https://media.community.example/r/7f3a.jpg\"]") @Size(max = 10) List<@NotBlank @Size(max = 1000) String> mediaUrls,
            RequestDetails.ContactPreference contactPreference,
            Boolean anonymous) {

        RequestIntake.Submission toSubmission() {
            RequestDetails details = new RequestDetails(description.trim(), attributes == null ? Map.of() : attributes,
                    location == null ? null : location.toLocation(),
                    preferredWindow == null ? null : new RequestDetails.TimeWindow(preferredWindow.from(), preferredWindow.to()),
                    mediaUrls == null ? List.of() : mediaUrls,
                    contactPreference == null ? RequestDetails.ContactPreference.APP : contactPreference,
                    Boolean.TRUE.equals(anonymous), null);
            return new RequestIntake.Submission(categoryCode, urgency, channel == null ? Channel.APP : channel, onBehalfOf, details);
        }
    }

    record LocationRequest(@Schema(example = "C05") @Size(max = 20) String compoundCode,
            @Schema(example = "5") @Size(max = 20) String buildingCode,
            @Schema(example = "301") @Size(max = 20) String unitCode,
            @Schema(example = "31.2304") @Min(-90) @Max(90) Double latitude,
            @Schema(example = "121.4737") @Min(-180) @Max(180) Double longitude,
            @Schema(example = "Building 5, unit 301, Sandi New Village") @Size(max = 500) String address) {

        RequestDetails.Location toLocation() {
            return new RequestDetails.Location(compoundCode, buildingCode, unitCode, latitude, longitude, address);
        }
    }

    record WindowRequest(@NotNull OffsetDateTime from, @NotNull OffsetDateTime to) {
    }

    record ReasonRequest(@Schema(example = "Fixed by a neighbour before anyone came.") @Size(max = 1000) String reason) {
    }

    record DuplicateRequest(@NotNull UUID originalId) {
    }

    record UrgencyRequest(@NotNull Urgency urgency) {
    }

    record SessionRequest(@NotNull LocalDate heldOn,
            @Schema(example = "[\"Resident of C05-5-301\", \"Resident of C05-5-401\", \"Property manager\"]")
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 200) String> parties,
            @NotNull DisputeLadder.Outcome outcome,
            @Schema(example = "Both sides agreed the upstairs drain is repaired by Friday at shared cost.") @Size(max = 4000) String notes) {
    }

    /** A submitted request and the open requests it may duplicate. */
    record Submitted(RequestResponse request,
            @Schema(example = "2", description = "Open requests like it (same category, same building or within 50 m, last 7 days), all of them")
            int similarOpenRequests,
            @Schema(description = "Those of them the caller may see") List<DuplicateHint> possibleDuplicates) {
    }

    /** One page of requests, newest first. */
    record RequestPage(List<RequestResponse> items, @Schema(example = "0") int page, @Schema(example = "20") int size,
            @Schema(example = "57") long total) {
    }

    record DuplicateHint(UUID id, @Schema(example = "household-help") String categoryCode, Status status, Instant submittedAt) {

        static DuplicateHint of(ServiceRequest request) {
            return new DuplicateHint(request.id(), request.categoryCode(), request.status(), request.submittedAt());
        }
    }

    record EvaluationRequest(@Schema(example = "5", description = "1 to 5 stars; 1 or 2 reopens the request") @NotNull @Min(1) @Max(5) Integer rating,
            @Schema(example = "Came the same afternoon, very kind.") @Size(max = 2000) String comment) {
    }

    /** A request as its readers see it. */
    record RequestResponse(UUID id, @Schema(example = "household-help") String categoryCode, Status status, Urgency urgency,
            Channel channel, @Schema(example = "7cbbd5a5-03b4-301f-bd62-6e91495dacd1") String requesterId,
            @Schema(example = "G03") String gridCode, @Schema(example = "C05") String compoundCode, Instant submittedAt,
            Instant dispatchBy, Instant feedbackBy, Instant dueAt,
            @Schema(example = "5", description = "Stars given, once evaluated") Integer rating, RequestDetails details,
            @Schema(example = "12345-2026-118833", description = "The municipal ticket this request came from") String externalRef,
            UUID duplicateOf) {

        static RequestResponse of(StoredRequest stored, JsonMapper json) {
            ServiceRequest request = stored.request();
            return new RequestResponse(request.id(), request.categoryCode(), request.status(), request.urgency(),
                    request.channel(), request.requesterId(), request.gridCode(), request.compoundCode(),
                    request.submittedAt(), request.deadlines().dispatchBy(), request.deadlines().feedbackBy(),
                    request.dueAt(), request.rating(), json.readValue(stored.details(), RequestDetails.class),
                    stored.externalRef(), stored.duplicateOf());
        }
    }
}
