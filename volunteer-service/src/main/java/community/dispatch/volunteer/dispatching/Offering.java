package community.dispatch.volunteer.dispatching;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import community.dispatch.events.order.OrderUnassignable;
import community.dispatch.events.order.OrderWithdrawn;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.volunteer.dispatching.domain.Asking;
import community.dispatch.volunteer.dispatching.domain.Dispatch;
import community.dispatch.volunteer.dispatching.domain.DispatchStatus;
import community.dispatch.volunteer.dispatching.domain.Order;
import community.dispatch.volunteer.dispatching.domain.OrderStatus;
import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import community.dispatch.volunteer.teams.Volunteers;
import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * Precise dispatch (精準派單): decides who is offered a request, as its rule says. DIRECT: the
 * best-ranked eligible volunteer; a decline or an unanswered offer moves it to the next; when nobody is
 * left, or the rule's offer limit is reached, the request is unassignable and request-service escalates
 * it. POOL: every eligible volunteer at once, the first acceptance wins (搶單). Every step locks the
 * request's dispatch row and runs in the caller's transaction, so a restart loses nothing and two
 * instances never offer one request twice at once.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class Offering {

    private static final Logger log = LoggerFactory.getLogger(Offering.class);
    private static final String DEFAULT_CATEGORY = "other";
    private static final String DEFAULT_URGENCY = "NORMAL";

    private final DispatchStore dispatches;
    private final OrderStore orders;
    private final Candidates candidates;
    private final Volunteers volunteers;
    private final Outbox outbox;
    private final DispatchMetrics metrics;
    private final Clock clock;
    private final DispatchTiming timing;

    /**
     * A new request to dispatch; a repeated one changes nothing. One wanted later (its preferred window starts
     * more than {@code dispatch.dispatching.window-lead} from now) is first offered that long before the window
     * (the deferred dispatch timer, {@link OfferTimers}), to volunteers free in the window.
     */
    Mono<Void> requestSubmitted(RequestSubmitted submitted) {
        Instant firstOffer = submitted.preferredFrom() == null ? null : submitted.preferredFrom().minus(timing.windowLead());
        Instant offerAfter = firstOffer != null && firstOffer.isAfter(clock.instant()) ? firstOffer : null;
        Dispatch opening = new Dispatch(submitted.requestId(),
                submitted.categoryCode() == null ? DEFAULT_CATEGORY : submitted.categoryCode(),
                submitted.urgency() == null ? DEFAULT_URGENCY : submitted.urgency(), DispatchStatus.OPEN, 0,
                submitted.compoundCode(), submitted.gridCode(), submitted.requesterId(), submitted.preferredFrom(),
                submitted.preferredTo(), offerAfter,
                new Scoring.Place(submitted.building(), submitted.latitude(), submitted.longitude()), submitted.submittedBy());
        // Opened in this transaction, the dispatch row is this decision's alone: it is neither locked nor read again.
        return dispatches.open(opening)
                .flatMap(latestChange -> offerAfter == null ? candidates.lookAtNew(opening, latestChange).flatMap(this::offerAt)
                        : Logged.line(() -> log.info("Request {} is wanted from {}: first offer at {}",
                                submitted.requestId(), submitted.preferredFrom(), offerAfter)));
    }

    /** Another round (重辦): everyone may be offered it again; the completed order is superseded. */
    Mono<Void> requestReopened(UUID requestId) {
        return dispatches.lock(requestId)
                .filter(dispatch -> dispatch.status() != DispatchStatus.CANCELLED)
                .flatMap(dispatch -> dispatches.save(dispatch.reopen())
                        .thenMany(orders.lockByRequest(requestId, EnumSet.of(OrderStatus.COMPLETED)))
                        .concatMap(completed -> record(completed.supersede()))
                        .then(offerNext(requestId)));
    }

    /** The requester withdrew: open offers and untouched orders are withdrawn. */
    Mono<Void> requestCancelled(UUID requestId) {
        return dispatches.lock(requestId)
                .flatMap(dispatch -> dispatches.save(dispatch.cancel())
                        .thenMany(orders.lockByRequest(requestId, EnumSet.of(OrderStatus.OFFERED, OrderStatus.ACCEPTED)))
                        .concatMap(open -> record(open.withdraw(OrderWithdrawn.CANCELLED)))
                        .then());
    }

    /** The requester's rating counts for the volunteer who served the request last. */
    Mono<Void> requestRated(UUID requestId, int rating) {
        return orders.lastServedBy(requestId).flatMap(volunteer -> volunteers.addRating(volunteer, rating));
    }

    /**
     * Offers the request as its rule says: DIRECT to the best-ranked candidate not yet tried, POOL to
     * every eligible candidate at once. Nobody left, no rule, or too many offers: unassignable. While
     * offers are open, nothing more is offered.
     */
    Mono<Void> offerNext(UUID requestId) {
        return dispatches.lock(requestId)
                .filter(dispatch -> dispatch.status() == DispatchStatus.OPEN
                        && (dispatch.offerAfter() == null || !clock.instant().isBefore(dispatch.offerAfter())))
                .flatMap(candidates::lookAt)
                .flatMap(this::offerAt);
    }

    private Mono<Void> offerAt(Candidates.Moment moment) {
        return moment.offeredNow() ? Mono.<Void>empty()
                : candidates.rule(moment).map(rule -> offerUnder(moment, rule))
                        .orElseGet(() -> unassignable(moment.dispatch(), null, Asking.NOBODY_FREE));
    }

    /** Records a move of an order and its event. */
    Mono<Order> record(Order.Moved moved) {
        return orders.save(moved.order())
                .flatMap(order -> moved.event().map(event -> outbox.record(event).thenReturn(order)).orElse(Mono.just(order)))
                .flatMap(order -> metrics.moved(order.status()).thenReturn(order));
    }

    private Mono<Void> offerUnder(Candidates.Moment moment, Rule rule) {
        Dispatch dispatch = moment.dispatch();
        Optional<String> exhausted = rule.exhaustedAfter(dispatch.offersMade());
        if (exhausted.isPresent()) {
            return unassignable(dispatch, rule, exhausted.get());
        }
        return candidates.ranked(moment, rule, rule.dispatchMode().offersAtOnce(), team -> true).flatMap(ranked -> ranked.isEmpty()
                ? unassignable(dispatch, rule, Asking.NOBODY_FREE)
                : Flux.fromIterable(ranked)
                        .concatMap(chosen -> offer(dispatch.requestId(), chosen, rule.timeoutFor(dispatch.urgency())))
                        .then());
    }

    private Mono<Void> offer(UUID requestId, Scoring.Scored chosen, Duration timeout) {
        Order.Moved offered = Order.offer(requestId, chosen.volunteerId(), chosen.teamKey(), clock.instant(), timeout);
        return orders.insert(offered.order())
                .then(dispatches.countOffer(requestId))
                .then(outbox.record(offered.event().orElseThrow()))
                .then(metrics.offered())
                .then(Logged.line(() -> log.info("Request {} offered to volunteer {} ({}, score {}) until {}", requestId,
                        chosen.volunteerId(), chosen.teamKey(), chosen.score(), offered.order().expiresAt())));
    }

    /** Nobody takes the request: who its rule (null: none) names is told — its teams' leaders by name — and staff. */
    private Mono<Void> unassignable(Dispatch dispatch, Rule rule, String reason) {
        UUID requestId = dispatch.requestId();
        Mono<List<UUID>> leaders = rule != null && rule.notifyRoles() != null && rule.notifyRoles().contains(Volunteers.TEAM_LEADER)
                ? volunteers.leadersOf(rule.teams()) : Mono.just(List.of());
        return dispatches.save(dispatch.giveUp())
                .then(leaders)
                .flatMap(told -> outbox.record(new OrderUnassignable(requestId, reason, rule == null ? null : rule.teams(),
                        rule == null ? null : rule.notifyRoles(), told)))
                .then(metrics.unassignable())
                .then(Logged.line(() -> log.info("Request {} is unassignable: {}", requestId, reason)));
    }
}
