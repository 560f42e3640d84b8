package community.dispatch.volunteer.dispatching;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.events.order.OrderDeclined;
import community.dispatch.events.order.OrderExpired;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.order.OrderReleased;
import community.dispatch.events.order.OrderStarted;
import community.dispatch.events.order.OrderUnassignable;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.web.problem.DomainProblem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Precise dispatch (精準派單). DIRECT: each request is offered to the best-scored eligible volunteer;
 * a decline or an unanswered offer moves it to the next; when nobody is left, or the rule's offer
 * limit is reached, the request is unassignable and request-service escalates it. POOL: every
 * eligible volunteer is offered it at once and the first acceptance wins (搶單). State lives
 * in the database and every step locks the request's dispatch row, so a restart loses nothing and two
 * instances never offer one request twice at once; a unique index allows one taker per request.
 */
@Service
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final Outbox outbox;
    private final Candidates candidates;

    public Dispatcher(DatabaseClient database, TransactionalOperator transactions, Outbox outbox, Candidates candidates) {
        this.candidates = candidates;
        this.database = database;
        this.transactions = transactions;
        this.outbox = outbox;
    }

    /** A new request to dispatch; a repeated one changes nothing. */
    public Mono<Void> requestSubmitted(UUID requestId, String categoryCode, String urgency, String compoundCode,
            String gridCode) {
        DatabaseClient.GenericExecuteSpec insert = database.sql("""
                        INSERT INTO dispatch (request_id, category_code, urgency, status, compound_code, grid_code)
                        VALUES (:id, :category, :urgency, 'OPEN', :compound, :grid)
                        ON CONFLICT (request_id) DO NOTHING""")
                .bind("id", requestId).bind("category", categoryCode == null ? "other" : categoryCode)
                .bind("urgency", urgency == null ? "NORMAL" : urgency);
        insert = compoundCode == null ? insert.bindNull("compound", String.class) : insert.bind("compound", compoundCode);
        insert = gridCode == null ? insert.bindNull("grid", String.class) : insert.bind("grid", gridCode);
        return insert.fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 1 ? offerNext(requestId) : Mono.empty());
    }

    /** Another round (重辦): everyone may be offered it again. */
    public Mono<Void> requestReopened(UUID requestId) {
        return database.sql("UPDATE dispatch SET status = 'OPEN', offers_made = 0 WHERE request_id = :id AND status <> 'CANCELLED'")
                .bind("id", requestId).fetch().rowsUpdated()
                .flatMap(updated -> updated == 1
                        ? database.sql("UPDATE order_offer SET status = 'SUPERSEDED' WHERE request_id = :id AND status = 'COMPLETED'")
                                .bind("id", requestId).fetch().rowsUpdated().then(offerNext(requestId))
                        : Mono.empty());
    }

    /** The requester's rating counts for the volunteer who completed the request. */
    public Mono<Void> requestRated(UUID requestId, int rating) {
        return database.sql("""
                        UPDATE volunteer SET rating_sum = rating_sum + :rating, rating_count = rating_count + 1
                        WHERE member_id = (SELECT volunteer_id FROM order_offer WHERE request_id = :id
                                             AND status IN ('COMPLETED', 'SUPERSEDED') ORDER BY completed_at DESC NULLS LAST LIMIT 1)""")
                .bind("rating", rating).bind("id", requestId).fetch().rowsUpdated().then();
    }

    /** The requester withdrew: open offers are withdrawn. */
    public Mono<Void> requestCancelled(UUID requestId) {
        return database.sql("UPDATE dispatch SET status = 'CANCELLED' WHERE request_id = :id").bind("id", requestId)
                .fetch().rowsUpdated()
                .then(database.sql("UPDATE order_offer SET status = 'WITHDRAWN' WHERE request_id = :id AND status IN ('OFFERED', 'ACCEPTED')")
                        .bind("id", requestId).fetch().rowsUpdated())
                .then();
    }

    /**
     * Offers the request as its rule says: DIRECT to the best-ranked candidate not yet tried, POOL to
     * every eligible candidate at once. Nobody left, or too many offers: unassignable. While a POOL
     * round has open offers, nothing more is offered.
     */
    private Mono<Void> offerNext(UUID requestId) {
        return candidates.openDispatch(requestId)
                .filter(open -> open.status().equals("OPEN"))
                .flatMap(open -> openOffers(requestId).flatMap(stillOpen -> {
                    if (stillOpen > 0) {
                        return Mono.<Void>empty();
                    }
                    if (open.mode().equals("DIRECT") && open.offersMade() >= open.maxOffers()) {
                        return unassignable(requestId, "no one accepted after " + open.offersMade() + " offers");
                    }
                    return candidates.ranked(requestId, open).collectList().flatMap(ranked -> {
                        if (ranked.isEmpty()) {
                            return unassignable(requestId, "no eligible volunteer is free");
                        }
                        List<Scoring.Scored> chosen = open.mode().equals("POOL") ? ranked : ranked.subList(0, 1);
                        return Flux.fromIterable(chosen).concatMap(one -> offer(requestId, one, open.timeout())).then();
                    });
                }));
    }

    private Mono<Long> openOffers(UUID requestId) {
        return database.sql("SELECT count(*) AS n FROM order_offer WHERE request_id = :id AND status = 'OFFERED'")
                .bind("id", requestId).map(row -> row.get("n", Long.class)).one();
    }

    private Mono<Void> offer(UUID requestId, Scoring.Scored chosen, Duration timeout) {
        UUID orderId = UUID.randomUUID();
        Instant now = Instant.now();
        Instant expires = now.plus(timeout);
        return database.sql("""
                        INSERT INTO order_offer (id, request_id, volunteer_id, team_key, status, offered_at, expires_at)
                        VALUES (:id, :request, :volunteer, :team, 'OFFERED', :now, :expires)""")
                .bind("id", orderId).bind("request", requestId).bind("volunteer", chosen.volunteerId())
                .bind("team", chosen.teamKey()).bind("now", utc(now)).bind("expires", utc(expires))
                .fetch().rowsUpdated()
                .then(database.sql("UPDATE dispatch SET offers_made = offers_made + 1 WHERE request_id = :id")
                        .bind("id", requestId).fetch().rowsUpdated())
                .then(outbox.record(new OrderOffered(orderId, requestId, chosen.volunteerId(), chosen.teamKey(), expires)))
                .doOnSuccess(event -> log.info("Request {} offered to volunteer {} ({}, score {}) until {}", requestId,
                        chosen.volunteerId(), chosen.teamKey(), chosen.score(), expires))
                .then();
    }

    private Mono<Void> unassignable(UUID requestId, String reason) {
        return database.sql("UPDATE dispatch SET status = 'UNASSIGNABLE' WHERE request_id = :id").bind("id", requestId)
                .fetch().rowsUpdated()
                .then(outbox.record(new OrderUnassignable(requestId, reason)))
                .doOnSuccess(event -> log.info("Request {} is unassignable: {}", requestId, reason))
                .then();
    }

    /**
     * The volunteer takes the offer. Acceptances of one request queue on its dispatch row, so in a
     * POOL exactly one wins and the others find it taken; a unique index backs this up.
     */
    public Mono<Order> accept(UUID orderId, UUID volunteer) {
        return transactions.transactional(database.sql("SELECT request_id FROM order_offer WHERE id = :id AND volunteer_id = :v")
                .bind("id", orderId).bind("v", volunteer).map(row -> row.get("request_id", UUID.class)).one()
                .switchIfEmpty(Mono.error(() -> notYours(orderId)))
                .flatMap(requestId -> database.sql("SELECT status FROM dispatch WHERE request_id = :id FOR UPDATE")
                        .bind("id", requestId).map(row -> row.get("status", String.class)).one())
                .flatMap(dispatch -> ownOrder(orderId, volunteer).flatMap(order -> {
                    if (!dispatch.equals("OPEN") || !order.status().equals("OFFERED") || order.expiresAt().isBefore(Instant.now())) {
                        return Mono.error(conflict(order, dispatch.equals("ASSIGNED") ? "Someone else took this request."
                                : "This offer is no longer open."));
                    }
                    return move(order, "ACCEPTED")
                            .then(database.sql("UPDATE dispatch SET status = 'ASSIGNED' WHERE request_id = :id")
                                    .bind("id", order.requestId()).fetch().rowsUpdated())
                            // The other offers of a POOL are withdrawn; one being expired right now is left to expire.
                            .then(database.sql("""
                                            UPDATE order_offer SET status = 'WITHDRAWN'
                                            WHERE id IN (SELECT id FROM order_offer WHERE request_id = :request
                                                           AND status = 'OFFERED' AND id <> :id FOR UPDATE SKIP LOCKED)""")
                                    .bind("request", order.requestId()).bind("id", orderId).fetch().rowsUpdated())
                            .then(outbox.record(new OrderAccepted(orderId, order.requestId(), volunteer)))
                            .then(ownOrder(orderId, volunteer));
                })))
                .onErrorMap(DataIntegrityViolationException.class, e -> new DomainProblem(HttpStatus.CONFLICT,
                        "already-taken", "Someone else took this request."));
    }

    public Mono<Order> decline(UUID orderId, UUID volunteer, String reason) {
        return transactions.transactional(ownOrder(orderId, volunteer)
                .flatMap(order -> order.status().equals("OFFERED")
                        ? move(order, "DECLINED")
                                .then(outbox.record(new OrderDeclined(orderId, order.requestId(), volunteer, reason)))
                                .then(offerNext(order.requestId()))
                                .then(ownOrder(orderId, volunteer))
                        : Mono.error(conflict(order, "Only an open offer can be declined."))));
    }

    public Mono<Order> checkIn(UUID orderId, UUID volunteer) {
        return transactions.transactional(ownOrder(orderId, volunteer)
                .flatMap(order -> order.status().equals("ACCEPTED")
                        ? database.sql("UPDATE order_offer SET status = 'STARTED', started_at = now() WHERE id = :id")
                                .bind("id", orderId).fetch().rowsUpdated()
                                .then(outbox.record(new OrderStarted(orderId, order.requestId(), volunteer, Instant.now())))
                                .then(ownOrder(orderId, volunteer))
                        : Mono.error(conflict(order, "Check in to an order you accepted."))));
    }

    /** Check-out: the work is done; the hours from check-in are credited, rounded to the half hour. */
    public Mono<Order> checkOut(UUID orderId, UUID volunteer, String note) {
        return transactions.transactional(ownOrder(orderId, volunteer)
                .flatMap(order -> {
                    if (!order.status().equals("STARTED")) {
                        return Mono.error(conflict(order, "Check out of an order you checked in to."));
                    }
                    Instant now = Instant.now();
                    double hours = ServiceHours.of(Duration.between(order.startedAt(), now));
                    return database.sql("""
                                    UPDATE order_offer SET status = 'COMPLETED', completed_at = :now, note = :note, hours = :hours
                                    WHERE id = :id""")
                            .bind("id", orderId).bind("now", utc(now)).bind("note", note == null ? "" : note)
                            .bind("hours", BigDecimal.valueOf(hours))
                            .fetch().rowsUpdated()
                            .then(outbox.record(new OrderCompleted(orderId, order.requestId(), volunteer, now, note)))
                            .then(ownOrder(orderId, volunteer));
                }));
    }

    /** The volunteer gives back an order they accepted but have not started: the request is dispatched again. */
    public Mono<Order> release(UUID orderId, UUID volunteer, String reason) {
        return transactions.transactional(ownOrder(orderId, volunteer)
                .flatMap(order -> order.status().equals("ACCEPTED")
                        ? releaseAndRedispatch(order, reason == null ? "released by the volunteer" : reason)
                                .then(ownOrder(orderId, volunteer))
                        : Mono.error(conflict(order, "Only an accepted order that has not started can be released."))));
    }

    private Mono<Void> releaseAndRedispatch(Order order, String reason) {
        return move(order, "RELEASED")
                .then(database.sql("UPDATE dispatch SET status = 'OPEN' WHERE request_id = :id")
                        .bind("id", order.requestId()).fetch().rowsUpdated())
                .then(outbox.record(new OrderReleased(order.id(), order.requestId(), order.volunteerId(), reason)))
                .then(offerNext(order.requestId()));
    }

    /**
     * A team leader (of a team the volunteer is in) or staff give a request to a volunteer by hand; whoever
     * had accepted it is released, open offers are withdrawn. Work already started stays with its volunteer.
     */
    public Mono<Order> assign(UUID requestId, UUID volunteer, String assignedBy) {
        return transactions.transactional(database.sql("SELECT status FROM dispatch WHERE request_id = :id FOR UPDATE")
                .bind("id", requestId).map(row -> row.get("status", String.class)).one()
                .switchIfEmpty(Mono.error(() -> new DomainProblem(HttpStatus.NOT_FOUND, "request-not-found",
                        "There is no request " + requestId + " to dispatch.")))
                .flatMap(status -> status.equals("CANCELLED")
                        ? Mono.error(new DomainProblem(HttpStatus.CONFLICT, "request-cancelled", "The request was withdrawn.",
                                Map.of("status", status)))
                        : database.sql("SELECT * FROM order_offer WHERE request_id = :id AND status IN ('ACCEPTED', 'STARTED') FOR UPDATE")
                                .bind("id", requestId).map(Order::read).one()
                                .flatMap(current -> current.status().equals("STARTED")
                                        ? Mono.error(conflict(current, "The work has started; it stays with its volunteer."))
                                        : move(current, "RELEASED").then(outbox.record(new OrderReleased(current.id(), requestId,
                                                current.volunteerId(), "reassigned by " + assignedBy))).then())
                                .then(database.sql("UPDATE order_offer SET status = 'WITHDRAWN' WHERE request_id = :id AND status = 'OFFERED'")
                                        .bind("id", requestId).fetch().rowsUpdated())
                                .then(Mono.defer(() -> {
                                    UUID orderId = UUID.randomUUID();
                                    Instant now = Instant.now();
                                    return database.sql("""
                                                    INSERT INTO order_offer (id, request_id, volunteer_id, team_key, status, offered_at, expires_at)
                                                    SELECT :id, :request, :volunteer, coalesce(v.teams[1], 'none'), 'ACCEPTED', :now, :now
                                                    FROM volunteer v WHERE v.member_id = :volunteer AND v.active""")
                                            .bind("id", orderId).bind("request", requestId).bind("volunteer", volunteer)
                                            .bind("now", utc(now))
                                            .fetch().rowsUpdated()
                                            .flatMap(inserted -> inserted == 0
                                                    ? Mono.error(new DomainProblem(HttpStatus.BAD_REQUEST, "unknown-volunteer",
                                                            "There is no active volunteer " + volunteer + "."))
                                                    : database.sql("UPDATE dispatch SET status = 'ASSIGNED' WHERE request_id = :id")
                                                            .bind("id", requestId).fetch().rowsUpdated()
                                                            .then(outbox.record(new OrderAccepted(orderId, requestId, volunteer)))
                                                            .then(database.sql("SELECT * FROM order_offer WHERE id = :id")
                                                                    .bind("id", orderId).map(Order::read).one()));
                                }))));
    }

    /** Offers nobody answered in time expire; the request goes to the next volunteer. */
    public Mono<Long> expireOverdueOffers(int limit) {
        return transactions.transactional(database.sql("""
                        SELECT id, request_id, volunteer_id FROM order_offer
                        WHERE status = 'OFFERED' AND expires_at <= now()
                        ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("limit", limit)
                .map(row -> new OrderExpired(row.get("id", UUID.class), row.get("request_id", UUID.class),
                        row.get("volunteer_id", UUID.class)))
                .all()
                .concatMap(expired -> database.sql("UPDATE order_offer SET status = 'EXPIRED' WHERE id = :id")
                        .bind("id", expired.orderId()).fetch().rowsUpdated()
                        .then(outbox.record(expired))
                        .then(offerNext(expired.requestId()))
                        .thenReturn(1L))
                .reduce(0L, Long::sum));
    }

    /** The volunteer's offers and orders, newest first. */
    public Flux<Order> ordersOf(UUID volunteer, String status) {
        return database.sql("SELECT * FROM order_offer WHERE volunteer_id = :v" + (status == null ? "" : " AND status = :status")
                        + " ORDER BY offered_at DESC LIMIT 100")
                .bind("v", volunteer)
                .bindValues(status == null ? Map.of() : Map.of("status", status))
                .map(Order::read).all();
    }

    /** A team's offers and orders, newest first. */
    public Flux<Order> ordersOfTeam(String team, String status) {
        return database.sql("SELECT * FROM order_offer WHERE team_key = :team" + (status == null ? "" : " AND status = :status")
                        + " ORDER BY offered_at DESC LIMIT 100")
                .bind("team", team)
                .bindValues(status == null ? Map.of() : Map.of("status", status))
                .map(Order::read).all();
    }

    /** An order, if it is the volunteer's; anyone else's is "not found". */
    private Mono<Order> ownOrder(UUID orderId, UUID volunteer) {
        return database.sql("SELECT * FROM order_offer WHERE id = :id AND volunteer_id = :v FOR UPDATE")
                .bind("id", orderId).bind("v", volunteer).map(Order::read).one()
                .switchIfEmpty(Mono.error(() -> notYours(orderId)));
    }

    private Mono<Long> move(Order order, String status) {
        return database.sql("UPDATE order_offer SET status = :status WHERE id = :id")
                .bind("id", order.id()).bind("status", status).fetch().rowsUpdated();
    }

    private static DomainProblem notYours(UUID orderId) {
        return new DomainProblem(HttpStatus.NOT_FOUND, "order-not-found", "There is no order " + orderId + " of yours.");
    }

    private static DomainProblem conflict(Order order, String detail) {
        return new DomainProblem(HttpStatus.CONFLICT, "illegal-order-transition", detail, Map.of("status", order.status()));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
