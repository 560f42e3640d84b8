package community.dispatch.request.requests;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

import community.dispatch.request.requests.domain.Status;

/** One move in a request's life: when, who, from and to which status, and why. */
public record TimelineEntry(Instant at,
        @Schema(example = "7cbbd5a5-03b4-301f-bd62-6e91495dacd1", description = "Who moved it: a member id, or system") String actor,
        Status from, Status to, @Schema(example = "Accepted by a volunteer of team angel") String reason) {
}
