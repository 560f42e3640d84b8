package community.dispatch.request.privacy;

import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.kit.security.Caller;
import community.dispatch.request.requests.RequestAccess;
import community.dispatch.request.requests.RequestResponse;
import community.dispatch.request.requests.TimelineEntry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import lombok.RequiredArgsConstructor;

/** request-service's part of a person's export (PIPL art. 45): member-service gathers the parts into one document. */
@RestController
@RequiredArgsConstructor
@Tag(name = "Requests")
class PersonalDataController {

    private final RequestAccess access;
    private final JsonMapper json;

    @Schema(description = "Every request the person made, oldest first, each with its whole timeline")
    record PersonsRequests(UUID memberId, List<RequestWithTimeline> requests) {
    }

    @Schema(description = "A request as its requester sees it (what they wrote, their rating) and every move it made")
    record RequestWithTimeline(RequestResponse request, List<TimelineEntry> timeline) {
    }

    @GetMapping("/api/v1/requests/export")
    @Operation(summary = "Everything about a person's requests, for their export (the person, staff)",
            description = "The requests they made with what they wrote, their ratings and each timeline. member-service's "
                    + "GET /api/v1/members/{id}/export includes it.")
    @ApiResponse(responseCode = "200", description = "Their part of the export", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "Neither the person nor staff")
    Mono<PersonsRequests> ofPerson(@RequestParam @Parameter(description = "whose requests") UUID memberId,
            @AuthenticationPrincipal Jwt jwt) {
        return access.ofPerson(memberId, Caller.of(jwt))
                .map(found -> new RequestWithTimeline(RequestResponse.of(found.stored(), json), found.timeline()))
                .collectList()
                .map(requests -> new PersonsRequests(memberId, requests));
    }
}
