package community.dispatch.request.intake;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.kit.security.Caller;
import community.dispatch.kit.web.Versions;
import community.dispatch.request.catalogue.Urgency;
import community.dispatch.request.requests.RequestDetails;
import community.dispatch.request.requests.RequestResponse;
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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import lombok.RequiredArgsConstructor;

/** Where a resident's need enters through the API (詢單): a submission, answered with the request and its possible duplicates. */
@RestController
@RequestMapping("/api/v1/requests")
@Tag(name = "Requests")
@RequiredArgsConstructor
class IntakeController {

    private final RequestIntake intake;
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

    /** A submitted request and the open requests it may duplicate. */
    record Submitted(RequestResponse request,
            @Schema(example = "2", description = "Open requests like it (same category, same building or within 50 m, last 7 days), all of them")
            int similarOpenRequests,
            @Schema(description = "Those of them the caller may see") List<DuplicateHint> possibleDuplicates) {
    }

    record DuplicateHint(UUID id, @Schema(example = "household-help") String categoryCode, Status status, Instant submittedAt) {

        static DuplicateHint of(ServiceRequest request) {
            return new DuplicateHint(request.id(), request.categoryCode(), request.status(), request.submittedAt());
        }
    }
}
