package community.dispatch.volunteer.dispatching;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import community.dispatch.volunteer.dispatching.domain.Dispatch;
import community.dispatch.volunteer.dispatching.domain.DispatchStatus;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code dispatch}: one row per request being dispatched ({@link Dispatch}). */
@Component
@RequiredArgsConstructor
class DispatchStore {

    private final DatabaseClient database;

    /**
     * Starts dispatching a request, answering the last change number given (for {@link DispatchMemory}); empty when
     * the request was already known (a repeated event).
     */
    Mono<Long> open(Dispatch dispatch) {
        Map<String, Object> values = new HashMap<>(Map.of("id", dispatch.requestId(), "category", dispatch.categoryCode(),
                "urgency", dispatch.urgency(), "status", DispatchStatus.OPEN.name(),
                "compound", Parameter.fromOrEmpty(dispatch.compoundCode(), String.class),
                "grid", Parameter.fromOrEmpty(dispatch.gridCode(), String.class),
                "requester", Parameter.fromOrEmpty(dispatch.requesterId(), UUID.class),
                "wantedFrom", Parameter.fromOrEmpty(dispatch.wantedFrom(), Instant.class),
                "wantedTo", Parameter.fromOrEmpty(dispatch.wantedTo(), Instant.class),
                "offerAfter", Parameter.fromOrEmpty(dispatch.offerAfter(), Instant.class)));
        values.put("building", Parameter.fromOrEmpty(dispatch.place().building(), String.class));
        values.put("latitude", Parameter.fromOrEmpty(dispatch.place().latitude(), Double.class));
        values.put("longitude", Parameter.fromOrEmpty(dispatch.place().longitude(), Double.class));
        values.put("submittedBy", Parameter.fromOrEmpty(dispatch.submittedBy(), UUID.class));
        return database.sql("""
                        INSERT INTO dispatch (request_id, category_code, urgency, status, compound_code, grid_code, requester_id,
                                              wanted_from, wanted_to, offer_after, building, latitude, longitude, submitted_by)
                        VALUES (:id, :category, :urgency, :status, :compound, :grid, :requester, :wantedFrom, :wantedTo, :offerAfter,
                                :building, :latitude, :longitude, :submittedBy)
                        ON CONFLICT (request_id) DO NOTHING
                        RETURNING (SELECT last_value FROM dispatch_change) AS latest_change""")
                .bindValues(values)
                .map(row -> row.get("latest_change", Long.class)).one();
    }

    /** Requests wanted later whose first offer is due: claimed (skipping those another instance holds) and no longer deferred. */
    Flux<UUID> claimDeferred(Instant now, int limit) {
        return database.sql("""
                        UPDATE dispatch SET offer_after = NULL
                        WHERE request_id IN (SELECT request_id FROM dispatch WHERE offer_after <= :now
                                             ORDER BY offer_after LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING request_id""")
                .bind("now", now).bind("limit", limit)
                .map(row -> row.get("request_id", UUID.class)).all();
    }

    /** When the next deferred first offer is due after the given instant. */
    Mono<Instant> nextDeferredAfter(Instant after) {
        return database.sql("SELECT min(offer_after) AS next FROM dispatch WHERE offer_after > :after")
                .bind("after", after)
                .map(row -> Optional.ofNullable(row.get("next", Instant.class))).one()
                .flatMap(Mono::justOrEmpty);
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

    /** Saves a move of a dispatch ({@link Dispatch}'s moves): its status and the offers counted. */
    Mono<Void> save(Dispatch moved) {
        return database.sql("UPDATE dispatch SET status = :status, offers_made = :offers WHERE request_id = :id")
                .bind("id", moved.requestId()).bind("status", moved.status().name()).bind("offers", moved.offersMade())
                .fetch().rowsUpdated().then();
    }

    Mono<Void> countOffer(UUID requestId) {
        return database.sql("UPDATE dispatch SET offers_made = offers_made + 1 WHERE request_id = :id")
                .bind("id", requestId).fetch().rowsUpdated().then();
    }

    private static Dispatch read(Readable row) {
        return new Dispatch(row.get("request_id", UUID.class), row.get("category_code", String.class),
                row.get("urgency", String.class), DispatchStatus.valueOf(row.get("status", String.class)),
                row.get("offers_made", Integer.class), row.get("compound_code", String.class),
                row.get("grid_code", String.class), row.get("requester_id", UUID.class), row.get("wanted_from", Instant.class),
                row.get("wanted_to", Instant.class), row.get("offer_after", Instant.class),
                new Scoring.Place(row.get("building", String.class), row.get("latitude", Double.class), row.get("longitude", Double.class)),
                row.get("submitted_by", UUID.class));
    }
}
