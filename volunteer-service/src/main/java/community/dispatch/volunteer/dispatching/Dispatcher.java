package community.dispatch.volunteer.dispatching;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
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
import community.dispatch.events.order.OrderStarted;
import community.dispatch.events.order.OrderUnassignable;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.kit.problem.DomainProblem;
import community.dispatch.volunteer.dispatching.Ranking.Candidate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Precise dispatch (精準派單), DIRECT mode: each request is offered to the best-ranked eligible
 * volunteer; a decline or an unanswered offer moves it to the next; when nobody is left, or the rule's
 * offer limit is reached, the request is unassignable and request-service escalates it. State lives
 * in the database and every step locks the request's dispatch row, so a restart loses nothing and two
 * instances never offer one request twice at once; a unique index allows one taker per request.
 */
@Service
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final Outbox outbox;

    public Dispatcher(DatabaseClient database, TransactionalOperator transactions, Outbox outbox) {
        this.database = database;
        this.transactions = transactions;
        this.outbox = outbox;
    }

    /** A new request to dispatch; a repeated one changes nothing. */
    public Mono<Void> requestSubmitted(UUID requestId, String categoryCode, String urgency) {
        return database.sql("""
                        INSERT INTO dispatch (request_id, category_code, urgency, status) VALUES (:id, :category, :urgency, 'OPEN')
                        ON CONFLICT (request_id) DO NOTHING""")
                .bind("id", requestId).bind("category", categoryCode == null ? "other" : categoryCode)
                .bind("urgency", urgency == null ? "NORMAL" : urgency)
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 1 ? offerNext(requestId) : Mono.empty());
    }

    /** Another round (重辦): everyone may be offered it again. */
    public Mono<Void> requestReopened(UUID requestId) {
        return database.sql("UPDATE dispatch SET status = 'OPEN', offers_made = 0 WHERE request_id = :id AND status <> 'CANCELLED'")
                .bind("id", requestId).fetch().rowsUpdated()
                .flatMap(updated -> updated == 1
                        ? database.sql("UPDATE order_offer SET status = 'RELEASED' WHERE request_id = :id AND status = 'COMPLETED'")
                                .bind("id", requestId).fetch().rowsUpdated().then(offerNext(requestId))
                        : Mono.empty());
    }

    /** The requester withdrew: open offers are withdrawn. */
    public Mono<Void> requestCancelled(UUID requestId) {
        return database.sql("UPDATE dispatch SET status = 'CANCELLED' WHERE request_id = :id").bind("id", requestId)
                .fetch().rowsUpdated()
                .then(database.sql("UPDATE order_offer SET status = 'WITHDRAWN' WHERE request_id = :id AND status IN ('OFFERED', 'ACCEPTED')")
                        .bind("id", requestId).fetch().rowsUpdated())
                .then();
    }

    /** Offers the request to the best volunteer not yet tried; none left, or too many tries: unassignable. */
    private Mono<Void> offerNext(UUID requestId) {
        return database.sql("""
                        SELECT d.status, d.offers_made, d.urgency, r.teams, r.max_offers,
                               r.timeout_emergency, r.timeout_urgent, r.timeout_normal
                        FROM dispatch d LEFT JOIN dispatch_rule r ON r.category_code = d.category_code
                        WHERE d.request_id = :id FOR UPDATE OF d""")
                .bind("id", requestId)
                .map(row -> new OpenDispatch(row.get("status", String.class), row.get("offers_made", Integer.class),
                        row.get("urgency", String.class),
                        row.get("teams", String[].class) == null ? List.of() : Arrays.asList(row.get("teams", String[].class)),
                        row.get("max_offers", Integer.class) == null ? 5 : row.get("max_offers", Integer.class),
                        timeout(row.get("urgency", String.class), row.get("timeout_emergency", Integer.class),
                                row.get("timeout_urgent", Integer.class), row.get("timeout_normal", Integer.class))))
                .one()
                .filter(open -> open.status().equals("OPEN"))
                .flatMap(open -> {
                    if (open.offersMade() >= open.maxOffers()) {
                        return unassignable(requestId, "no one accepted after " + open.offersMade() + " offers");
                    }
                    return candidates(requestId, open.teams()).collectList()
                            .flatMap(candidates -> candidates.isEmpty()
                                    ? unassignable(requestId, "no eligible volunteer is free")
                                    : offer(requestId, Ranking.rank(candidates).get(0), open.timeout()));
                });
    }

    /** Active volunteers of the rule's teams, below their limit, not yet offered this request in this round. */
    private Flux<Candidate> candidates(UUID requestId, List<String> teams) {
        if (teams.isEmpty()) {
            return Flux.empty();
        }
        return database.sql("""
                        SELECT v.member_id, v.teams,
                               (SELECT count(*) FROM order_offer o WHERE o.volunteer_id = v.member_id
                                  AND o.status IN ('OFFERED', 'ACCEPTED', 'STARTED')) AS open_orders,
                               (SELECT coalesce(sum(o.hours), 0) FROM order_offer o WHERE o.volunteer_id = v.member_id
                                  AND o.status = 'COMPLETED' AND o.completed_at > now() - interval '30 days') AS recent_hours,
                               v.max_concurrent
                        FROM volunteer v
                        WHERE v.active AND v.teams && :teams
                          AND NOT EXISTS (SELECT 1 FROM order_offer tried WHERE tried.request_id = :request
                                            AND tried.volunteer_id = v.member_id
                                            AND tried.status IN ('OFFERED', 'DECLINED', 'EXPIRED', 'ACCEPTED', 'STARTED'))""")
                .bind("teams", teams.toArray(String[]::new)).bind("request", requestId)
                .map(row -> {
                    List<String> own = Arrays.asList(row.get("teams", String[].class));
                    String team = teams.stream().filter(own::contains).findFirst().orElseThrow();
                    return new Free(new Candidate(row.get("member_id", UUID.class), team, teams.indexOf(team),
                            row.get("open_orders", Long.class).intValue(), row.get("recent_hours", BigDecimal.class).doubleValue()),
                            row.get("max_concurrent", Integer.class));
                })
                .all()
                .filter(free -> free.candidate().openOrders() < free.limit())
                .map(Free::candidate);
    }

    private Mono<Void> offer(UUID requestId, Candidate chosen, Duration timeout) {
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
                .doOnSuccess(event -> log.info("Request {} offered to volunteer {} ({}) until {}", requestId,
                        chosen.volunteerId(), chosen.teamKey(), expires))
                .then();
    }

    private Mono<Void> unassignable(UUID requestId, String reason) {
        return database.sql("UPDATE dispatch SET status = 'UNASSIGNABLE' WHERE request_id = :id").bind("id", requestId)
                .fetch().rowsUpdated()
                .then(outbox.record(new OrderUnassignable(requestId, reason)))
                .doOnSuccess(event -> log.info("Request {} is unassignable: {}", requestId, reason))
                .then();
    }

    /** The volunteer takes the offer; only one taker per request, ever. */
    public Mono<Order> accept(UUID orderId, UUID volunteer) {
        return transactions.transactional(ownOrder(orderId, volunteer)
                .flatMap(order -> {
                    if (!order.status().equals("OFFERED") || order.expiresAt().isBefore(Instant.now())) {
                        return Mono.error(conflict(order, "This offer is no longer open."));
                    }
                    return move(order, "ACCEPTED")
                            .then(database.sql("UPDATE dispatch SET status = 'ASSIGNED' WHERE request_id = :id")
                                    .bind("id", order.requestId()).fetch().rowsUpdated())
                            .then(outbox.record(new OrderAccepted(orderId, order.requestId(), volunteer)))
                            .then(ownOrder(orderId, volunteer));
                }))
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
                    double hours = Ranking.serviceHours(Duration.between(order.startedAt(), now));
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

    /** An order, if it is the volunteer's; anyone else's is "not found". */
    private Mono<Order> ownOrder(UUID orderId, UUID volunteer) {
        return database.sql("SELECT * FROM order_offer WHERE id = :id AND volunteer_id = :v FOR UPDATE")
                .bind("id", orderId).bind("v", volunteer).map(Order::read).one()
                .switchIfEmpty(Mono.error(() -> new DomainProblem(HttpStatus.NOT_FOUND, "order-not-found",
                        "There is no order " + orderId + " of yours.")));
    }

    private Mono<Long> move(Order order, String status) {
        return database.sql("UPDATE order_offer SET status = :status WHERE id = :id")
                .bind("id", order.id()).bind("status", status).fetch().rowsUpdated();
    }

    private static DomainProblem conflict(Order order, String detail) {
        return new DomainProblem(HttpStatus.CONFLICT, "illegal-order-transition", detail, Map.of("status", order.status()));
    }

    private static Duration timeout(String urgency, Integer emergency, Integer urgent, Integer normal) {
        int seconds = switch (urgency) {
            case "EMERGENCY" -> emergency == null ? 300 : emergency;
            case "URGENT" -> urgent == null ? 900 : urgent;
            default -> normal == null ? 3600 : normal;
        };
        return Duration.ofSeconds(seconds);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A candidate and how many open orders they may have. */
    private record Free(Candidate candidate, int limit) {
    }

    private record OpenDispatch(String status, int offersMade, String urgency, List<String> teams, int maxOffers,
            Duration timeout) {
    }
}
