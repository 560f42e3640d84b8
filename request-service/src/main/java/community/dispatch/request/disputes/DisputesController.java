package community.dispatch.request.disputes;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.kit.security.Caller;
import community.dispatch.request.requests.ReasonRequest;
import community.dispatch.request.requests.RequestResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import lombok.RequiredArgsConstructor;

/** A dispute's way up the deliberation ladder, as a request's sub-resource. */
@RestController
@RequestMapping("/api/v1/requests/{id}/deliberation")
@Tag(name = "Requests")
@RequiredArgsConstructor
class DisputesController {

    private final DisputeLadder ladder;
    private final JsonMapper json;

    @GetMapping
    @Operation(summary = "Where a dispute stands on the deliberation ladder", description = """
            ONLINE_DELIBERATION (網上議事) → PROPERTY_COUNCIL (物業黨群議事) → COMMUNITY_COUNCIL (社區黨群議事): \
            the current rung, its deadline and every session held.""")
    Mono<DisputeLadder.Standing> deliberation(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        return ladder.standing(id, Caller.of(jwt));
    }

    @PostMapping("/sessions")
    @Operation(summary = "Record a deliberation session (staff)", description = "Outcome SETTLED resolves the dispute; it then goes to evaluation.")
    @ApiResponse(responseCode = "200", description = "Recorded: the request as it now stands", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Not a dispute under deliberation")
    Mono<RequestResponse> session(@PathVariable UUID id, @Valid @RequestBody SessionRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return ladder.record(id, body.heldOn(), body.parties(), body.outcome(), body.notes(), Caller.of(jwt))
                .map(stored -> RequestResponse.of(stored, json));
    }

    @PostMapping("/escalation")
    @ApiResponse(responseCode = "200", description = "On the next rung, or escalated to staff", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Not a dispute under deliberation")
    @Operation(summary = "Take an unsettled dispute to the next rung (staff)", description = "Past the community council, the request is escalated to staff.")
    Mono<RequestResponse> climb(@PathVariable UUID id, @Valid @RequestBody(required = false) ReasonRequest body,
            @AuthenticationPrincipal Jwt jwt) {
        return ladder.climb(id, body == null ? null : body.reason(), Caller.of(jwt))
                .map(stored -> RequestResponse.of(stored, json));
    }

    record SessionRequest(@NotNull LocalDate heldOn,
            @Schema(example = "[\"Resident of C05-5-301\", \"Resident of C05-5-401\", \"Property manager\"]")
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 200) String> parties,
            @NotNull DisputeLadder.Outcome outcome,
            @Schema(example = "Both sides agreed the upstairs drain is repaired by Friday at shared cost.") @Size(max = 4000) String notes) {
    }
}
