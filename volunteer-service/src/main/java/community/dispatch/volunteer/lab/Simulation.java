package community.dispatch.volunteer.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.function.Function;

import community.dispatch.events.order.OrderWithdrawn;
import community.dispatch.volunteer.dispatching.domain.Asking;
import community.dispatch.volunteer.dispatching.domain.Order;
import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.dispatching.domain.Scoring;

/**
 * Replays a {@link LabWeek} under one {@link Policy} on a moved clock: requests arrive when the week says, offers are
 * made, answered ({@link Answers}), declined or left to expire, and moved on — each move made by production's
 * {@link Order}, offers timed by the {@link Rule}, offer limits and "nobody free" decided as {@code Offering} decides
 * them, and who can take a request decided by production's {@link Asking}. Volunteers who accept walk there, work,
 * check out, and are credited hours as production credits them; those hours count towards fairness at the next
 * decision.
 */
final class Simulation {

    /** A walk to where help is wanted, at 4 km/h, after five minutes to get ready. */
    private static final double METRES_PER_MINUTE = 4000 / 60.0;

    /** What a policy may look at: who can take a waiting request now, each scored. */
    interface View {

        /**
         * Everyone who can take the request now, scored, in no particular order: whom {@link Asking} considers,
         * eligible with their load of this moment, and available now by their weekly hours and leave.
         */
        List<Scoring.Scored> able(Case waits);
    }

    /** What happened to each request, and the hours each volunteer earned, once everything the week caused is done. */
    record Run(String policy, List<Case> cases, List<Helper> helpers) {
    }

    private record Event(Instant at, long sequence, Runnable action) implements Comparable<Event> {

        @Override
        public int compareTo(Event other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final LabWeek week;
    private final Scoring.Weights weights;
    private final Policy policy;
    private final Answers answers;
    private final Map<UUID, Helper> helpers = new LinkedHashMap<>();
    private final List<Case> waiting = new ArrayList<>();
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private long sequence;
    private Instant now;
    private Instant nextRound;

    private Simulation(LabWeek week, Scoring.Weights weights, Policy policy) {
        this.week = week;
        this.weights = weights;
        this.policy = policy;
        this.answers = new Answers(week.seed());
        this.now = week.start();
        week.volunteers().forEach(volunteer -> helpers.put(volunteer.id(), new Helper(volunteer)));
    }

    static Run run(LabWeek week, Scoring.Weights weights, Policy policy) {
        Simulation simulation = new Simulation(week, weights, policy);
        List<Case> cases = new ArrayList<>();
        for (LabWeek.Request request : week.requests()) {
            Case arriving = new Case(request, week.rules().get(request.categoryCode()));
            cases.add(arriving);
            simulation.at(request.at(), () -> simulation.waits(arriving));
        }
        while (!simulation.events.isEmpty()) {
            Event next = simulation.events.poll();
            simulation.now = next.at();
            next.action().run();
        }
        return new Run(policy.name(), List.copyOf(cases), List.copyOf(simulation.helpers.values()));
    }

    private void at(Instant when, Runnable action) {
        events.add(new Event(when, sequence++, action));
    }

    private List<Scoring.Scored> able(Case waits) {
        Asking asking = waits.asking(weights);
        List<Scoring.Scored> able = new ArrayList<>();
        for (Helper helper : helpers.values()) {
            LabWeek.Volunteer volunteer = helper.volunteer();
            if (asking.considers(volunteer.id(), true)) {
                asking.scored(helper.asScored(), volunteer.availability().availableAt(now, week.zone())).ifPresent(able::add);
            }
        }
        return able;
    }

    /** The request waits for an offer: decided now, or at the policy's next round. */
    private void waits(Case waits) {
        waits.waiting();
        Optional<String> unassignable = waits.rule() == null ? Optional.of(Asking.NOBODY_FREE)
                : waits.rule().exhaustedAfter(waits.offersMade());
        if (unassignable.isPresent()) {
            waits.unassignable();
            return;
        }
        waiting.add(waits);
        if (policy.every().isZero()) {
            decide();
        }
        else if (nextRound == null || !nextRound.isAfter(now)) {
            long every = policy.every().toMillis();
            long since = Duration.between(week.start(), now).toMillis();
            nextRound = week.start().plusMillis((since / every + 1) * every);
            at(nextRound, this::decide);
        }
    }

    private void decide() {
        List<Case> deciding = List.copyOf(waiting);
        waiting.clear();
        Map<Case, List<Scoring.Scored>> chosen = policy.choose(deciding, this::able, now);
        for (Case waits : deciding) {
            List<Scoring.Scored> offers = chosen.get(waits);
            if (offers == null) {
                waits(waits);
            }
            else if (offers.isEmpty()) {
                waits.unassignable();
            }
            else {
                offers.forEach(scored -> offer(waits, scored));
            }
        }
    }

    private void offer(Case waits, Scoring.Scored scored) {
        Duration timeout = waits.rule().timeoutFor(waits.request().urgency());
        Order offered = Order.offer(waits.request().id(), scored.volunteerId(), scored.teamKey(), now, timeout).order();
        Helper helper = helpers.get(scored.volunteerId());
        Answers.Answer answer = answers.to(waits.request(), helper.volunteer(),
                scored.distanceMetres() == null ? Answers.FAR_METRES : scored.distanceMetres(), helper.openOrders(), timeout);
        helper.held();
        waits.offered(offered, scored);
        switch (answer.kind()) {
            case ACCEPT -> at(now.plus(answer.after()), () -> accept(waits, offered.id()));
            case DECLINE -> at(now.plus(answer.after()), () -> close(waits, offered.id(), order -> order.decline("lab")));
            case IGNORE -> { }
        }
        at(offered.expiresAt(), () -> close(waits, offered.id(), order -> order.expire(now)));
    }

    private void close(Case waits, UUID orderId, Function<Order, Order.Moved> move) {
        waits.openOffer(orderId).ifPresent(order -> {
            move.apply(order);
            helpers.get(order.volunteerId()).freed();
            if (waits.closed(order)) {
                waits(waits);
            }
        });
    }

    private void accept(Case waits, UUID orderId) {
        Optional<Order> offer = waits.openOffer(orderId);
        if (offer.isEmpty() || waits.state() != Case.State.OFFERED) {
            return;
        }
        Order accepted = offer.get().accept(now).order();
        for (Order other : waits.accepted(offer.get(), now)) {
            other.withdraw(OrderWithdrawn.TAKEN);
            helpers.get(other.volunteerId()).freed();
        }
        Integer metres = waits.servedBy().orElseThrow().distanceMetres();
        Instant there = now.plus(Duration.ofMinutes(5 + Math.round((metres == null ? 0 : metres) / METRES_PER_MINUTE)));
        at(there, () -> {
            Order started = accepted.checkIn(now).order();
            at(now.plus(waits.request().work()), () -> helpers.get(started.volunteerId()).checkOut(started, now));
        });
    }
}
