package community.dispatch.volunteer.dispatching;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;

/** An offer and, once accepted, the order it became. */
public record Order(UUID id, UUID requestId, UUID volunteerId, @Schema(example = "angel") String teamKey,
        @Schema(example = "ACCEPTED", allowableValues = { "OFFERED", "ACCEPTED", "DECLINED", "EXPIRED", "STARTED", "COMPLETED", "RELEASED", "WITHDRAWN",
                "SUPERSEDED" })
        String status, Instant offeredAt, Instant expiresAt, Instant startedAt, Instant completedAt,
        @Schema(example = "Tap washer replaced; resident asked for a check next week.") String note,
        @Schema(example = "1.5", description = "Service hours, to the half hour, once completed") Double hours) {

    static Order read(Readable row) {
        BigDecimal hours = row.get("hours", BigDecimal.class);
        return new Order(row.get("id", UUID.class), row.get("request_id", UUID.class), row.get("volunteer_id", UUID.class),
                row.get("team_key", String.class), row.get("status", String.class),
                instant(row.get("offered_at", OffsetDateTime.class)), instant(row.get("expires_at", OffsetDateTime.class)),
                instant(row.get("started_at", OffsetDateTime.class)), instant(row.get("completed_at", OffsetDateTime.class)),
                row.get("note", String.class), hours == null ? null : hours.doubleValue());
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
