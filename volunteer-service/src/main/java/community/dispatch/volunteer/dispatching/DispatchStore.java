package community.dispatch.volunteer.dispatching;

import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import community.dispatch.volunteer.dispatching.domain.DispatchStatus;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code dispatch}: one row per request being dispatched. */
@Component
@RequiredArgsConstructor
class DispatchStore {

    /** A request in dispatch: what it needs, whose it is, and how far dispatch has got. */
    record Dispatch(UUID requestId, String categoryCode, String urgency, DispatchStatus status, int offersMade,
            String compoundCode, String gridCode, UUID requesterId) {
    }

    private final DatabaseClient database;

    /** Starts dispatching a request; false when it was already known (a repeated event). */
    Mono<Boolean> open(UUID requestId, String categoryCode, String urgency, String compoundCode, String gridCode,
            UUID requesterId) {
        return database.sql("""
                        INSERT INTO dispatch (request_id, category_code, urgency, status, compound_code, grid_code, requester_id)
                        VALUES (:id, :category, :urgency, :status, :compound, :grid, :requester)
                        ON CONFLICT (request_id) DO NOTHING""")
                .bindValues(Map.of("id", requestId, "category", categoryCode, "urgency", urgency,
                        "status", DispatchStatus.OPEN.name(), "compound", Parameter.fromOrEmpty(compoundCode, String.class),
                        "grid", Parameter.fromOrEmpty(gridCode, String.class),
                        "requester", Parameter.fromOrEmpty(requesterId, UUID.class)))
                .fetch().rowsUpdated().map(inserted -> inserted == 1);
    }

    Mono<Dispatch> find(UUID requestId) {
        return database.sql("SELECT * FROM dispatch WHERE request_id = :id").bind("id", requestId)
                .map(DispatchStore::read).one();
    }

    /** The request's dispatch row, locked: every dispatch step of one request queues on it. */
    Mono<Dispatch> lock(UUID requestId) {
        return database.sql("SELECT * FROM dispatch WHERE request_id = :id FOR UPDATE").bind("id", requestId)
                .map(DispatchStore::read).one();
    }

    Mono<Void> moveTo(UUID requestId, DispatchStatus status) {
        return database.sql("UPDATE dispatch SET status = :status WHERE request_id = :id")
                .bind("id", requestId).bind("status", status.name()).fetch().rowsUpdated().then();
    }

    /** Another round (重辦): open again, with no offers counted. */
    Mono<Void> reopen(UUID requestId) {
        return database.sql("UPDATE dispatch SET status = :status, offers_made = 0 WHERE request_id = :id")
                .bind("id", requestId).bind("status", DispatchStatus.OPEN.name()).fetch().rowsUpdated().then();
    }

    Mono<Void> countOffer(UUID requestId) {
        return database.sql("UPDATE dispatch SET offers_made = offers_made + 1 WHERE request_id = :id")
                .bind("id", requestId).fetch().rowsUpdated().then();
    }

    private static Dispatch read(Readable row) {
        return new Dispatch(row.get("request_id", UUID.class), row.get("category_code", String.class),
                row.get("urgency", String.class), DispatchStatus.valueOf(row.get("status", String.class)),
                row.get("offers_made", Integer.class), row.get("compound_code", String.class),
                row.get("grid_code", String.class), row.get("requester_id", UUID.class));
    }
}
