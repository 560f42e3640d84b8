package community.dispatch.volunteer.dispatching;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;

/** An offer and, once accepted, the order it became. */
public record Order(UUID id, UUID requestId, UUID volunteerId, String teamKey, String status, Instant offeredAt,
        Instant expiresAt, Instant startedAt, Instant completedAt, String note, Double hours) {

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
