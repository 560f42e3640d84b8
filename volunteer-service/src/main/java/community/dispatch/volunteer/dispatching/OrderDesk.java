package community.dispatch.volunteer.dispatching;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.events.order.OrderWithdrawn;
import community.dispatch.kit.audit.AuditTrail;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.kit.security.Caller;
import community.dispatch.volunteer.dispatching.domain.Dispatch;
import community.dispatch.volunteer.dispatching.domain.DispatchStatus;
import community.dispatch.volunteer.dispatching.domain.IllegalOrderMove;
import community.dispatch.volunteer.dispatching.domain.Order;
import community.dispatch.volunteer.dispatching.domain.ServiceHours;
import community.dispatch.volunteer.dispatching.domain.OrderStatus;
import community.dispatch.volunteer.teams.VolunteerProfile;
import community.dispatch.volunteer.teams.Volunteers;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * What volunteers, team leaders and staff do with orders (接單): accept or decline an offer, check in and
 * out, give an order back, assign by hand. Each is one transaction that locks the order (and, where the
 * request changes hands, its dispatch row), makes the move on the {@link Order} and records its event.
 */
@Service
@EnableConfigurationProperties(HoursCap.class)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class OrderDesk {

    private static final String HOURS_CORRECTED = "order.hours-corrected";

    private final OrderStore orders;
    private final DispatchStore dispatches;
    private final Offering offering;
    private final Volunteers volunteers;
    private final Outbox outbox;
    private final TransactionalOperator transactions;
    private final Clock clock;
    private final HoursCap hoursCap;
    private final AuditTrail audit;

    /**
     * The volunteer takes the offer. Acceptances of one request queue on its dispatch row, so in a POOL
     * exactly one wins and the others find it taken; a unique index backs this up. The other open
     * offers are withdrawn (one being expired right now is left to expire).
     */
    public Mono<Order> accept(UUID orderId, UUID volunteer) {
        return transactions.transactional(orders.requestOf(orderId, volunteer)
                        .switchIfEmpty(Mono.error(() -> notYours(orderId)))
                        .flatMap(dispatches::lock)
                        .flatMap(dispatch -> ownOrder(orderId, volunteer).flatMap(order -> {
                            if (dispatch.status() != DispatchStatus.OPEN) {
                                return Mono.error(new IllegalOrderMove(order.status(), dispatch.status() == DispatchStatus.ASSIGNED
                                        ? "Someone else took this request." : "This offer is no longer open."));
                            }
                            return offering.record(order.accept(clock.instant()))
                                    .flatMap(accepted -> dispatches.save(dispatch.assign())
                                            .thenMany(orders.lockOtherOffers(accepted.requestId(), orderId))
                                            .concatMap(other -> offering.record(other.withdraw(OrderWithdrawn.TAKEN)))
                                            .then(Mono.just(accepted)));
                        })))
                .onErrorMap(DataIntegrityViolationException.class, e -> DomainException.conflict("already-taken",
                        "Someone else took this request."));
    }

    /** The volunteer says no; the request goes to the next volunteer. */
    public Mono<Order> decline(UUID orderId, UUID volunteer, String reason) {
        return transactions.transactional(ownOrder(orderId, volunteer)
                .flatMap(order -> offering.record(order.decline(reason)))
                .flatMap(declined -> offering.offerNext(declined.requestId()).thenReturn(declined)));
    }

    public Mono<Order> checkIn(UUID orderId, UUID volunteer) {
        return transactions.transactional(ownOrder(orderId, volunteer)
                .flatMap(order -> offering.record(order.checkIn(clock.instant()))));
    }

    /**
     * Check-out: the work is done; the hours from check-in are credited, to the half hour, up to the category's cap —
     * only for time the volunteer's other orders were not credited for (their check-outs wait for one another).
     */
    public Mono<Order> checkOut(UUID orderId, UUID volunteer, String note, String publicNote) {
        Instant now = clock.instant();
        return transactions.transactional(orders.lockHoursOf(volunteer)
                .then(ownOrder(orderId, volunteer))
                .flatMap(order -> dispatches.find(order.requestId())
                        .map(dispatch -> hoursCap.forCategory(dispatch.categoryCode()))
                        .defaultIfEmpty(hoursCap.forCategory(""))
                        .zipWith(order.startedAt() == null ? Mono.just(List.<ServiceHours.Span>of())
                                : orders.creditedSpans(volunteer, orderId, order.startedAt(), now).collectList())
                        .flatMap(capAndCredited -> offering.record(order.checkOut(now, note, publicNote, capAndCredited.getT1(),
                                capAndCredited.getT2())))));
    }

    /** Staff correct the hours an order earned (a long job past the cap, a mistake); audited. */
    public Mono<Order> correctHours(UUID orderId, double hours, String reason, Caller caller) {
        if (!caller.isStaff()) {
            return audit.refused(caller, HOURS_CORRECTED, orderId.toString(), null, Map.of("hours", hours),
                    DomainException.forbidden("Only staff correct hours."));
        }
        return transactions.transactional(orders.lock(orderId)
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("order-not-found", "There is no order " + orderId + ".")))
                .flatMap(order -> orders.save(order.correctHours(hours))
                        .flatMap(corrected -> audit.done(caller, HOURS_CORRECTED, orderId.toString(),
                                Map.of("hours", order.hours()), Map.of("hours", hours, "reason", reason))
                                .thenReturn(corrected))));
    }

    /** The volunteer gives back an order they accepted but have not started: the request is dispatched again. */
    public Mono<Order> release(UUID orderId, UUID volunteer, String reason) {
        return transactions.transactional(ownOrder(orderId, volunteer)
                .flatMap(order -> offering.record(order.release(reason == null ? "released by the volunteer" : reason)))
                .flatMap(released -> dispatches.lock(released.requestId())
                        .flatMap(dispatch -> dispatches.save(dispatch.release()))
                        .then(offering.offerNext(released.requestId()))
                        .thenReturn(released)));
    }

    /**
     * Staff, or a leader of a team of the volunteer that serves the request's category, give a request to
     * a volunteer (not themself, nor the requester or who entered it) by hand; whoever had accepted it is released, open offers
     * are withdrawn.
     * Work already started stays with its volunteer.
     */
    public Mono<Order> assign(UUID requestId, UUID volunteer, Caller caller) {
        String assignedBy = caller.subject();
        if (!caller.isStaff() && !caller.hasRole(Volunteers.TEAM_LEADER)) {
            return Mono.error(DomainException.forbidden("Only staff and team leaders assign by hand."));
        }
        return transactions.transactional(dispatches.lock(requestId)
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("request-not-found",
                        "There is no request " + requestId + " to dispatch.")))
                .flatMap(dispatch -> volunteers.mayAssign(caller, volunteer, dispatch.categoryCode())
                        .flatMap(allowed -> allowed ? Mono.just(dispatch) : Mono.error(DomainException.forbidden(
                                "Staff assign by hand; a team leader only their own team's categories to their team's volunteers."))))
                .flatMap(dispatch -> dispatch.isTheirs(volunteer)
                        ? Mono.error(DomainException.conflict("own-request",
                                "Nobody serves (and earns hours on) a request they made, or entered for someone."))
                        : Mono.just(dispatch))
                .flatMap(dispatch -> assignByHand(dispatch.assign(), volunteer, assignedBy)));
    }

    /** Gives the request to the volunteer: whoever had it is released, open offers are withdrawn. */
    private Mono<Order> assignByHand(Dispatch assigned, UUID volunteer, String assignedBy) {
        UUID requestId = assigned.requestId();
        return orders.lockByRequest(requestId, EnumSet.of(OrderStatus.OFFERED, OrderStatus.ACCEPTED, OrderStatus.STARTED))
                .concatMap(current -> switch (current.status()) {
                    case STARTED -> Mono.error(new IllegalOrderMove(current.status(),
                            "The work has started; it stays with its volunteer."));
                    case ACCEPTED -> offering.record(current.release("reassigned by " + assignedBy));
                    default -> offering.record(current.withdraw(OrderWithdrawn.TAKEN));
                })
                .then(volunteers.profile(volunteer).filter(VolunteerProfile::active)
                        .switchIfEmpty(Mono.error(() -> DomainException.invalid("unknown-volunteer",
                                "There is no active volunteer " + volunteer + "."))))
                .flatMap(profile -> {
                    Order.Moved order = Order.assignedByHand(requestId, volunteer,
                            profile.teams().isEmpty() ? "none" : profile.teams().get(0), clock.instant());
                    return orders.insert(order.order())
                            .then(dispatches.save(assigned))
                            .then(outbox.record(order.event().orElseThrow()))
                            .thenReturn(order.order());
                });
    }

    /** The volunteer's offers and orders, newest first, at most 100. */
    public Flux<Order> ordersOf(UUID volunteer, OrderStatus status) {
        return orders.ofVolunteer(volunteer, status);
    }

    /** A team's offers and orders, newest first, at most 100: for staff and the team's leaders. */
    public Flux<Order> ordersOfTeam(String team, OrderStatus status, Caller caller) {
        return volunteers.overseeing(team, caller, "orders").thenMany(orders.ofTeam(team, status));
    }

    private Mono<Order> ownOrder(UUID orderId, UUID volunteer) {
        return orders.lockOwn(orderId, volunteer).switchIfEmpty(Mono.error(() -> notYours(orderId)));
    }

    private static DomainException notYours(UUID orderId) {
        return DomainException.notFound("order-not-found", "There is no order " + orderId + " of yours.");
    }
}
