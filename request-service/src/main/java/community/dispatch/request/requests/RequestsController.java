package community.dispatch.request.requests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.OffsetDateTime;
import java.util.List;
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

import community.dispatch.request.requests.domain.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

    private final RequestAccess access;
    private final RequestDecisions decisions;
    private final JsonMapper json;

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
    @FinishedAlready
    @Operation(summary = "Close a request as a duplicate of another (staff)", description = "It closes and points to the original.")
    Mono<RequestResponse> duplicate(@PathVariable UUID id, @Valid @RequestBody DuplicateRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return decisions.closeAsDuplicate(id, body.originalId(), Caller.of(jwt))
                .map(stored -> RequestResponse.of(stored, json));
    }

    @PostMapping("/{id}/urgency")
    @ApiResponse(responseCode = "200", description = "Reclassified; the deadlines counted again", useReturnTypeSchema = true)
    @FinishedAlready
    @Operation(summary = "Reclassify the urgency (staff)", description = "E.g. COMPLEX for a request that needs more time; the deadlines are counted again from submission.")
    Mono<RequestResponse> reclassify(@PathVariable UUID id, @Valid @RequestBody UrgencyRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return decisions.reclassify(id, body.urgency(), Caller.of(jwt))
                .map(stored -> RequestResponse.of(stored, json));
    }

    @PostMapping("/{id}/rejection")
    @ApiResponse(responseCode = "200", description = "Turned down", useReturnTypeSchema = true)
    @FinishedAlready
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

    record DuplicateRequest(@NotNull UUID originalId) {
    }

    record UrgencyRequest(@NotNull Urgency urgency) {
    }

    /** One page of requests, newest first. */
    record RequestPage(List<RequestResponse> items, @Schema(example = "0") int page, @Schema(example = "20") int size,
            @Schema(example = "57") long total) {
    }

    record EvaluationRequest(@Schema(example = "5", description = "1 to 5 stars; 1 or 2 reopens the request") @NotNull @Min(1) @Max(5) Integer rating,
            @Schema(example = "Came the same afternoon, very kind.") @Size(max = 2000) String comment) {
    }

    /** The refusal of a decision about a request that is finished (closed, cancelled, turned down). */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "409", description = "The request is finished already")
    @interface FinishedAlready {
    }
}
