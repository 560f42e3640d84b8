package community.dispatch.volunteer.dispatching;

import java.time.Instant;
import java.util.UUID;

import community.dispatch.volunteer.dispatching.domain.Order;
import community.dispatch.volunteer.dispatching.domain.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/** An offer and, once accepted, the order it became, as volunteers and leaders read it. */
record OrderResponse(UUID id, UUID requestId, UUID volunteerId, @Schema(example = "angel") String teamKey,
        @Schema(example = "ACCEPTED") OrderStatus status, Instant offeredAt, Instant expiresAt, Instant startedAt,
        Instant completedAt, @Schema(example = "Tap washer replaced; resident asked for a check next week.") String note,
        @Schema(example = "1.5", description = "Service hours, to the half hour, once completed") Double hours) {

    static OrderResponse of(Order order) {
        return new OrderResponse(order.id(), order.requestId(), order.volunteerId(), order.teamKey(), order.status(),
                order.offeredAt(), order.expiresAt(), order.startedAt(), order.completedAt(), order.note(), order.hours());
    }
}
