package community.dispatch.volunteer.dispatching;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.DomainEvent;
import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.events.order.OrderDeclined;
import community.dispatch.events.order.OrderExpired;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.order.OrderReleased;
import community.dispatch.events.order.OrderStarted;
import community.dispatch.events.order.OrderWithdrawn;
import community.dispatch.volunteer.dispatching.domain.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/** One change to a volunteer's offers and orders, as their live stream tells it (the SSE event's name is {@code change}). */
@Schema(description = "One change to your offers and orders; the SSE event is named after `change` and its `id` is the event's id.")
record OrderNews(
        @Schema(example = "offered", allowableValues = { "offered", "accepted", "declined", "expired", "started", "completed",
                "released", "withdrawn", "reset" }, description = """
                What happened. `accepted` also when staff or a team leader assigned the order to you by hand; \
                `withdrawn` when the requester cancelled or someone else took the request (see `reason`); \
                `reset`: the events since your Last-Event-ID cannot all be told, read your orders afresh (GET /api/v1/orders).""")
        String change,
        UUID orderId, UUID requestId,
        @Schema(example = "OFFERED", description = "The order's status after the change") OrderStatus status,
        @Schema(description = "Until when an offer may be accepted") Instant expiresAt,
        @Schema(example = "taken", description = "Why it was declined, released or withdrawn (cancelled, taken)") String reason,
        @Schema(description = "When it happened") OffsetDateTime at) {

    static final OrderNews RESET = new OrderNews("reset", null, null, null, null, null, null);

    /** The news an order event carries for its volunteer; none for other events. */
    static Optional<OrderNews> of(CloudEvent event, DomainEvent data) {
        OffsetDateTime at = event.time();
        if (data instanceof OrderOffered offered) {
            return Optional.of(new OrderNews("offered", offered.orderId(), offered.requestId(), OrderStatus.OFFERED,
                    offered.expiresAt(), null, at));
        }
        if (data instanceof OrderAccepted accepted) {
            return Optional.of(news("accepted", accepted.orderId(), accepted.requestId(), OrderStatus.ACCEPTED, null, at));
        }
        if (data instanceof OrderDeclined declined) {
            return Optional.of(news("declined", declined.orderId(), declined.requestId(), OrderStatus.DECLINED, declined.reason(), at));
        }
        if (data instanceof OrderExpired expired) {
            return Optional.of(news("expired", expired.orderId(), expired.requestId(), OrderStatus.EXPIRED, null, at));
        }
        if (data instanceof OrderStarted started) {
            return Optional.of(news("started", started.orderId(), started.requestId(), OrderStatus.STARTED, null, at));
        }
        if (data instanceof OrderCompleted completed) {
            return Optional.of(news("completed", completed.orderId(), completed.requestId(), OrderStatus.COMPLETED, null, at));
        }
        if (data instanceof OrderReleased released) {
            return Optional.of(news("released", released.orderId(), released.requestId(), OrderStatus.RELEASED, released.reason(), at));
        }
        if (data instanceof OrderWithdrawn withdrawn) {
            return Optional.of(news("withdrawn", withdrawn.orderId(), withdrawn.requestId(), OrderStatus.WITHDRAWN, withdrawn.reason(), at));
        }
        return Optional.empty();
    }

    private static OrderNews news(String change, UUID orderId, UUID requestId, OrderStatus status, String reason, OffsetDateTime at) {
        return new OrderNews(change, orderId, requestId, status, null, reason, at);
    }
}
