package community.dispatch.volunteer.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import community.dispatch.events.order.OrderWithdrawn;
import community.dispatch.volunteer.dispatching.domain.Asking;
import community.dispatch.volunteer.dispatching.domain.Order;
import community.dispatch.volunteer.dispatching.domain.OrderStatus;
import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import community.dispatch.volunteer.dispatching.domain.ServiceHours;

/**
 * Replays a {@link LabWeek} under one {@link Policy} on a moved clock: requests arrive when the week says, offers are
 * made, answered ({@link Answers}), declined or left to expire, and moved on — each move made by production's
 * {@link Order}, offers timed by the {@link Rule}, offer limits and "nobody free" decided as {@code Offering} decides
 * them, and who can take a request decided by production's {@link Asking}. Volunteers who accept walk there, work,
 * check out, and are credited hours as production credits them; those hours count towards fairness at the next
 * decision.
 */
final class Simulation {

    /** Hours one order earns at most (the service's default cap). */
    private static final double HOURS_CAP = 8;
    /** A walk to where help is wanted, at 4 km/h, after five minutes to get ready. */
    private static final double METRES_PER_MINUTE = 4000 / 60.0;

    enum State { WAITING, OFFERED, ASSIGNED, UNASSIGNABLE }

    /** A request as the lab follows it. */
    static final class Case {
        private final LabWeek.Request request;
        private final Rule rule;
        private final Scoring.Need need;
        private final Set<UUID> tried = new HashSet<>();
        private final Map<UUID, Scoring.Scored> offeredTo = new HashMap<>();
        private final List<Order> open = new ArrayList<>();
        private int offersMade;
        private State state = State.WAITING;
        private Instant acceptedAt;
        private Scoring.Scored servedBy;
        private String reason;

        Case(LabWeek.Request request, Rule rule) {
            this.request = request;
            this.rule = rule;
            this.need = rule == null ? null : new Scoring.Need(rule.teams(), rule.requiredSkills(), request.compoundCode(),
                    request.gridCode(), request.place());
        }

        LabWeek.Request request() {
            return request;
        }

        Rule rule() {
            return rule;
        }

        State state() {
            return state;
        }

        int offersMade() {
            return offersMade;
        }

        /** When someone accepted it; empty while nobody has. */
        Optional<Duration> untilAccepted() {
            return Optional.ofNullable(acceptedAt).map(at -> Duration.between(request.at(), at));
        }

        /** Who took it, with their score and distance when offered; empty while nobody has. */
        Optional<Scoring.Scored> servedBy() {
            return Optional.ofNullable(servedBy);
        }

        /** Why nobody takes it, when nobody does. */
        String reason() {
            return reason;
        }
    }

    /** A volunteer as the lab follows them: open orders, and hours credited this week. */
    static final class Helper {
        private final LabWeek.Volunteer volunteer;
        private final List<ServiceHours.Span> credited = new ArrayList<>();
        private int openOrders;
        private double weekHours;

        Helper(LabWeek.Volunteer volunteer) {
            this.volunteer = volunteer;
        }

        LabWeek.Volunteer volunteer() {
            return volunteer;
        }

        double weekHours() {
            return weekHours;
        }

        Scoring.Volunteer asScored() {
            return new Scoring.Volunteer(volunteer.id(), volunteer.teams(), volunteer.skills(), volunteer.compoundCode(),
                    volunteer.gridCode(), openOrders, volunteer.maxConcurrent(), volunteer.priorHours() + weekHours,
                    volunteer.averageRating(), volunteer.home());
        }
    }

    /** What a policy may look at: who can take a waiting request now, each scored. */
    interface View {

        /**
         * Everyone who can take the request now, scored, in no particular order: whom {@link Asking} considers,
         * eligible with their load of this moment, and available now by their weekly hours and leave.
         */
        List<Scoring.Scored> able(Case waits);
    }

    private List<Scoring.Scored> able(Case waits) {
        Asking asking = new Asking(waits.need, waits.request.requesterId(), null, waits.tried, weights);
        List<Scoring.Scored> able = new ArrayList<>();
        for (Helper helper : helpers.values()) {
            LabWeek.Volunteer volunteer = helper.volunteer;
            if (asking.considers(volunteer.id(), true)) {
                asking.scored(helper.asScored(), volunteer.availability().availableAt(now, week.zone())).ifPresent(able::add);
            }
        }
        return able;
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
    private final List<Case> cases = new ArrayList<>();
    private final List<Case> waiting = new ArrayList<>();
    private final PriorityQueue<Event> events = new PriorityQueue<>();
    private final View view = this::able;
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

    /** What happened to each request, and the hours each volunteer earned, once everything the week caused is done. */
    record Run(String policy, List<Case> cases, List<Helper> helpers) {
    }

    static Run run(LabWeek week, Scoring.Weights weights, Policy policy) {
        Simulation simulation = new Simulation(week, weights, policy);
        for (LabWeek.Request request : week.requests()) {
            Case arriving = new Case(request, week.rules().get(request.categoryCode()));
            simulation.cases.add(arriving);
            simulation.at(request.at(), () -> simulation.waits(arriving));
        }
        while (!simulation.events.isEmpty()) {
            Event next = simulation.events.poll();
            simulation.now = next.at();
            next.action().run();
        }
        return new Run(policy.name(), List.copyOf(simulation.cases), List.copyOf(simulation.helpers.values()));
    }

    private void at(Instant when, Runnable action) {
        events.add(new Event(when, sequence++, action));
    }

    /** The request waits for an offer: decided now, or at the policy's next round. */
    private void waits(Case waits) {
        waits.state = State.WAITING;
        if (waits.rule == null) {
            unassignable(waits, Asking.NOBODY_FREE);
            return;
        }
        Optional<String> exhausted = waits.rule.exhaustedAfter(waits.offersMade);
        if (exhausted.isPresent()) {
            unassignable(waits, exhausted.get());
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
        Map<Case, List<Scoring.Scored>> chosen = policy.choose(deciding, view, now);
        for (Case waits : deciding) {
            List<Scoring.Scored> offers = chosen.get(waits);
            if (offers == null) {
                waits(waits);
            }
            else if (offers.isEmpty()) {
                unassignable(waits, Asking.NOBODY_FREE);
            }
            else {
                offers.forEach(scored -> offer(waits, scored));
            }
        }
    }

    private void offer(Case waits, Scoring.Scored scored) {
        Duration timeout = waits.rule.timeoutFor(waits.request.urgency());
        Order offered = Order.offer(waits.request.id(), scored.volunteerId(), scored.teamKey(), now, timeout).order();
        Helper helper = helpers.get(scored.volunteerId());
        helper.openOrders++;
        waits.state = State.OFFERED;
        waits.offersMade++;
        waits.tried.add(scored.volunteerId());
        waits.offeredTo.put(scored.volunteerId(), scored);
        waits.open.add(offered);
        Answers.Answer answer = answers.to(waits.request, helper.volunteer,
                scored.distanceMetres() == null ? Answers.FAR_METRES : scored.distanceMetres(), helper.openOrders - 1, timeout);
        switch (answer.kind()) {
            case ACCEPT -> at(now.plus(answer.after()), () -> accept(waits, offered.id()));
            case DECLINE -> at(now.plus(answer.after()), () -> close(waits, offered.id(), order -> order.decline("lab")));
            case IGNORE -> { }
        }
        at(offered.expiresAt(), () -> close(waits, offered.id(), order -> order.expire(now)));
    }

    /** The order, while still an open offer of the request. */
    private Optional<Order> openOffer(Case waits, UUID orderId) {
        return waits.open.stream().filter(order -> order.id().equals(orderId) && order.status() == OrderStatus.OFFERED)
                .findFirst();
    }

    private void close(Case waits, UUID orderId, Function<Order, Order.Moved> move) {
        openOffer(waits, orderId).ifPresent(order -> {
            waits.open.remove(order);
            move.apply(order);
            helpers.get(order.volunteerId()).openOrders--;
            if (waits.open.isEmpty() && waits.state == State.OFFERED) {
                waits(waits);
            }
        });
    }

    private void accept(Case waits, UUID orderId) {
        Optional<Order> offer = openOffer(waits, orderId);
        if (offer.isEmpty() || waits.state != State.OFFERED) {
            return;
        }
        Order accepted = offer.get().accept(now).order();
        waits.open.remove(offer.get());
        waits.state = State.ASSIGNED;
        waits.acceptedAt = now;
        waits.servedBy = waits.offeredTo.get(accepted.volunteerId());
        for (Order other : List.copyOf(waits.open)) {
            other.withdraw(OrderWithdrawn.TAKEN);
            helpers.get(other.volunteerId()).openOrders--;
        }
        waits.open.clear();
        double metres = waits.servedBy.distanceMetres() == null ? 0 : waits.servedBy.distanceMetres();
        Instant there = now.plus(Duration.ofMinutes(5 + Math.round(metres / METRES_PER_MINUTE)));
        at(there, () -> {
            Order started = accepted.checkIn(now).order();
            at(now.plus(waits.request.work()), () -> checkOut(started));
        });
    }

    private void checkOut(Order started) {
        Helper helper = helpers.get(started.volunteerId());
        Order done = started.checkOut(now, "", null, HOURS_CAP, List.copyOf(helper.credited)).order();
        helper.credited.add(new ServiceHours.Span(done.startedAt(), done.completedAt()));
        helper.weekHours += done.hours();
        helper.openOrders--;
    }

    private void unassignable(Case waits, String reason) {
        waits.state = State.UNASSIGNABLE;
        waits.reason = reason;
    }
}
