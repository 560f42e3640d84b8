package community.dispatch.volunteer.dispatching;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import community.dispatch.volunteer.dispatching.domain.Order;
import community.dispatch.volunteer.dispatching.domain.OrderStatus;
import community.dispatch.volunteer.dispatching.domain.ServiceHours;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code order_offer}: offers and the orders they become. Runs in the caller's transaction. */
@Component
@RequiredArgsConstructor
class OrderStore {

    private static final int LIST_LIMIT = 100;

    private final DatabaseClient database;

    Mono<Order> insert(Order order) {
        return database.sql("""
                        INSERT INTO order_offer (id, request_id, volunteer_id, team_key, status, offered_at, expires_at)
                        VALUES (:id, :request, :volunteer, :team, :status, :offeredAt, :expiresAt)""")
                .bindValues(Map.of("id", order.id(), "request", order.requestId(), "volunteer", order.volunteerId(),
                        "team", order.teamKey(), "status", order.status().name(), "offeredAt", order.offeredAt(),
                        "expiresAt", order.expiresAt()))
                .fetch().rowsUpdated().thenReturn(order);
    }

    /** Writes what a move changes: the status, and the times, note and hours of the work. */
    Mono<Order> save(Order order) {
        Map<String, Object> values = new HashMap<>(Map.of("id", order.id(), "status", order.status().name()));
        values.put("startedAt", Parameter.fromOrEmpty(order.startedAt(), Instant.class));
        values.put("completedAt", Parameter.fromOrEmpty(order.completedAt(), Instant.class));
        values.put("note", Parameter.fromOrEmpty(order.note(), String.class));
        values.put("hours", Parameter.fromOrEmpty(order.hours() == null ? null : BigDecimal.valueOf(order.hours()),
                BigDecimal.class));
        return database.sql("""
                        UPDATE order_offer SET status = :status, started_at = :startedAt, completed_at = :completedAt,
                                               note = :note, hours = :hours
                        WHERE id = :id""")
                .bindValues(values).fetch().rowsUpdated().thenReturn(order);
    }

    /**
     * Makes the volunteer's check-outs wait for one another until the transaction ends, so two orders checked out
     * at once cannot both be credited for the same time; call it inside a transaction.
     */
    Mono<Void> lockHoursOf(UUID volunteer) {
        return database.sql("SELECT pg_advisory_xact_lock(hashtextextended('volunteer-hours:' || :v, 0))")
                .bind("v", volunteer.toString()).map(row -> true).first().then();
    }

    /** The spans the volunteer's other orders were credited for that overlap {@code from}–{@code to}. */
    Flux<ServiceHours.Span> creditedSpans(UUID volunteer, UUID except, Instant from, Instant to) {
        return database.sql("""
                        SELECT started_at, completed_at FROM order_offer
                        WHERE volunteer_id = :v AND id <> :except AND status = ANY(:served)
                          AND started_at < :to AND completed_at > :from""")
                .bindValues(Map.of("v", volunteer, "except", except, "served", OrderStatus.names(OrderStatus.SERVED),
                        "from", from, "to", to))
                .map(row -> new ServiceHours.Span(row.get("started_at", Instant.class), row.get("completed_at", Instant.class)))
                .all();
    }

    /** The order, locked. */
    Mono<Order> lock(UUID orderId) {
        return database.sql("SELECT * FROM order_offer WHERE id = :id FOR UPDATE").bind("id", orderId)
                .map(OrderStore::read).one();
    }

    /** The volunteer's own order, locked; anyone else's is not there. */
    Mono<Order> lockOwn(UUID orderId, UUID volunteer) {
        return database.sql("SELECT * FROM order_offer WHERE id = :id AND volunteer_id = :v FOR UPDATE")
                .bind("id", orderId).bind("v", volunteer).map(OrderStore::read).one();
    }

    /** Which request the volunteer's order is for, without locking it. */
    Mono<UUID> requestOf(UUID orderId, UUID volunteer) {
        return database.sql("SELECT request_id FROM order_offer WHERE id = :id AND volunteer_id = :v")
                .bind("id", orderId).bind("v", volunteer).map(row -> row.get("request_id", UUID.class)).one();
    }

    /** The request's orders in these statuses, locked; read whole, so the caller may write to each. */
    Flux<Order> lockByRequest(UUID requestId, Set<OrderStatus> statuses) {
        return database.sql("SELECT * FROM order_offer WHERE request_id = :id AND status = ANY(:statuses) ORDER BY offered_at FOR UPDATE")
                .bind("id", requestId).bind("statuses", OrderStatus.names(statuses)).map(OrderStore::read).all()
                .collectList().flatMapIterable(orders -> orders);
    }

    /**
     * The request's other open offers, locked — except those another transaction holds (one expiring right
     * now). Read whole before any is emitted: a connection runs one statement at a time, so a caller that
     * writes to each row while the rows are still streaming would wait for itself (a POOL has dozens).
     */
    Flux<Order> lockOtherOffers(UUID requestId, UUID except) {
        return database.sql("""
                        SELECT * FROM order_offer WHERE request_id = :id AND status = :offered AND id <> :except
                        FOR UPDATE SKIP LOCKED""")
                .bind("id", requestId).bind("offered", OrderStatus.OFFERED.name()).bind("except", except)
                .map(OrderStore::read).all()
                .collectList().flatMapIterable(orders -> orders);
    }

    /** Open offers whose time is up at {@code now}, oldest first, locked so another instance skips them; read whole. */
    Flux<Order> claimExpired(Instant now, int limit) {
        return database.sql("""
                        SELECT * FROM order_offer WHERE status = :offered AND expires_at <= :now
                        ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("offered", OrderStatus.OFFERED.name()).bind("now", now).bind("limit", limit)
                .map(OrderStore::read).all()
                .collectList().flatMapIterable(orders -> orders);
    }

    /** When the next open offer expires after the given instant. */
    Mono<Instant> nextExpiryAfter(Instant after) {
        return database.sql("""
                        SELECT min(expires_at) AS next FROM order_offer WHERE status = :offered AND expires_at > :after""")
                .bind("offered", OrderStatus.OFFERED.name()).bind("after", after)
                .map(row -> Optional.ofNullable(row.get("next", Instant.class))).one()
                .flatMap(Mono::justOrEmpty);
    }

    /** The volunteer who last served the request. */
    Mono<UUID> lastServedBy(UUID requestId) {
        return database.sql("""
                        SELECT volunteer_id FROM order_offer WHERE request_id = :id AND status = ANY(:served)
                        ORDER BY completed_at DESC NULLS LAST LIMIT 1""")
                .bind("id", requestId).bind("served", OrderStatus.names(OrderStatus.SERVED))
                .map(row -> row.get("volunteer_id", UUID.class)).one();
    }

    /** A volunteer's offers and orders, newest first, optionally in one status. */
    Flux<Order> ofVolunteer(UUID volunteer, OrderStatus status) {
        return list("volunteer_id = :value", volunteer, status);
    }

    /** A team's offers and orders, newest first, optionally in one status. */
    Flux<Order> ofTeam(String team, OrderStatus status) {
        return list("team_key = :value", team, status);
    }

    private Flux<Order> list(String condition, Object value, OrderStatus status) {
        Map<String, Object> values = new HashMap<>(Map.of("value", value, "limit", LIST_LIMIT));
        values.put("status", Parameter.fromOrEmpty(status == null ? null : status.name(), String.class));
        return database.sql("SELECT * FROM order_offer WHERE " + condition
                        + " AND (CAST(:status AS text) IS NULL OR status = :status) ORDER BY offered_at DESC LIMIT :limit")
                .bindValues(values).map(OrderStore::read).all();
    }

    private static Order read(Readable row) {
        BigDecimal hours = row.get("hours", BigDecimal.class);
        return new Order(row.get("id", UUID.class), row.get("request_id", UUID.class), row.get("volunteer_id", UUID.class),
                row.get("team_key", String.class), OrderStatus.valueOf(row.get("status", String.class)),
                row.get("offered_at", Instant.class), row.get("expires_at", Instant.class),
                row.get("started_at", Instant.class), row.get("completed_at", Instant.class),
                row.get("note", String.class), hours == null ? null : hours.doubleValue());
    }
}
