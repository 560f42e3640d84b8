package community.dispatch.request.requests;

import java.time.Instant;
import java.util.UUID;

import community.dispatch.request.catalogue.Urgency;
import community.dispatch.request.requests.domain.Channel;
import community.dispatch.request.requests.domain.ServiceRequest;
import community.dispatch.request.requests.domain.Status;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.json.JsonMapper;

/** A request as its readers see it: what every operation that reads or changes one answers. */
public record RequestResponse(UUID id, @Schema(example = "household-help") String categoryCode, Status status, Urgency urgency,
        Channel channel, @Schema(example = "7cbbd5a5-03b4-301f-bd62-6e91495dacd1") String requesterId,
        @Schema(example = "G03") String gridCode, @Schema(example = "C05") String compoundCode, Instant submittedAt,
        Instant dispatchBy, Instant feedbackBy, Instant dueAt,
        @Schema(example = "5", description = "Stars given, once evaluated") Integer rating, RequestDetails details,
        @Schema(example = "12345-2026-118833", description = "The municipal ticket this request came from") String externalRef,
        UUID duplicateOf) {

    public static RequestResponse of(StoredRequest stored, JsonMapper json) {
        ServiceRequest request = stored.request();
        return new RequestResponse(request.id(), request.categoryCode(), request.status(), request.urgency(),
                request.channel(), request.requesterId(), request.gridCode(), request.compoundCode(),
                request.submittedAt(), request.deadlines().dispatchBy(), request.deadlines().feedbackBy(),
                request.dueAt(), request.rating(), json.readValue(stored.details(), RequestDetails.class),
                stored.externalRef(), stored.duplicateOf());
    }
}
