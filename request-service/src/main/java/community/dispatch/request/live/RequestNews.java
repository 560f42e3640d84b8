package community.dispatch.request.live;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.DomainEvent;
import community.dispatch.events.request.RequestCancelled;
import community.dispatch.events.request.RequestClosed;
import community.dispatch.events.request.RequestEscalated;
import community.dispatch.events.request.RequestEvaluated;
import community.dispatch.events.request.RequestReopened;
import community.dispatch.events.request.RequestResolved;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.events.request.RequestUpdated;
import community.dispatch.request.requests.domain.Status;
import io.swagger.v3.oas.annotations.media.Schema;

/** One move of a resident's request, as their live stream tells it (the SSE event's name is {@code change}). */
@Schema(description = "One move of one of your requests; the SSE event is named after `change` and its `id` is the event's id.")
record RequestNews(
        @Schema(example = "moved", allowableValues = { "submitted", "moved", "updated", "deliberation", "evaluated", "reset" },
                description = """
                What happened: `moved` to another status (see `status`), `updated` (e.g. its urgency), `deliberation` \
                (a dispute climbed a rung, see `detail`), `evaluated` (your rating was recorded); `reset`: the events \
                since your Last-Event-ID cannot all be told, read your requests afresh (GET /api/v1/requests).""")
        String change,
        UUID requestId,
        @Schema(example = "ASSIGNED", description = "The request's status after the move, when it moved") Status status,
        @Schema(example = "solved it myself", description = "Why, or what changed, when the event says") String detail,
        @Schema(description = "When it happened") OffsetDateTime at) {

    static final RequestNews RESET = new RequestNews("reset", null, null, null, null);

    /** The news a request event carries for its requester. */
    static Optional<RequestNews> of(CloudEvent event, DomainEvent data) {
        OffsetDateTime at = event.time();
        if (data instanceof RequestSubmitted submitted) {
            return Optional.of(new RequestNews("submitted", submitted.requestId(), Status.SUBMITTED, null, at));
        }
        if (data instanceof RequestUpdated updated) {
            return Optional.of(updated.movedTo()
                    .map(status -> new RequestNews("moved", updated.requestId(), Status.valueOf(status), null, at))
                    .or(() -> updated.deliberationReached()
                            .map(step -> new RequestNews("deliberation", updated.requestId(), null, step, at)))
                    .orElseGet(() -> new RequestNews("updated", updated.requestId(), null,
                            String.join(",", updated.changedFields()), at)));
        }
        if (data instanceof RequestCancelled cancelled) {
            return Optional.of(new RequestNews("moved", cancelled.requestId(), Status.CANCELLED, cancelled.reason(), at));
        }
        if (data instanceof RequestResolved resolved) {
            return Optional.of(new RequestNews("moved", resolved.requestId(), Status.RESOLVED, null, at));
        }
        if (data instanceof RequestReopened reopened) {
            return Optional.of(new RequestNews("moved", reopened.requestId(), Status.REOPENED, reopened.reason(), at));
        }
        if (data instanceof RequestEscalated escalated) {
            return Optional.of(new RequestNews("moved", escalated.requestId(), Status.ESCALATED, escalated.reason(), at));
        }
        if (data instanceof RequestClosed closed) {
            boolean rejected = closed.outcome() != null && closed.outcome().startsWith("rejected");
            return Optional.of(new RequestNews("moved", closed.requestId(), rejected ? Status.REJECTED : Status.CLOSED,
                    closed.outcome(), at));
        }
        if (data instanceof RequestEvaluated evaluated) {
            return Optional.of(new RequestNews("evaluated", evaluated.requestId(), null, String.valueOf(evaluated.rating()), at));
        }
        return Optional.empty();
    }
}
