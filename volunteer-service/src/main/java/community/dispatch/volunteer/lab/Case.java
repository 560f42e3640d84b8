package community.dispatch.volunteer.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import community.dispatch.volunteer.dispatching.domain.Asking;
import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import community.dispatch.volunteer.dispatching.domain.Order;

/** A request as the lab follows it: its open offers, who was tried, and who took it, if anyone did. */
final class Case {

    enum State { WAITING, OFFERED, ASSIGNED, UNASSIGNABLE }

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

    /** A request of a category with no rule ({@code rule} null) is unassignable, as in production. */
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

    /** How long until someone accepted it; empty while nobody has. */
    Optional<Duration> untilAccepted() {
        return Optional.ofNullable(acceptedAt).map(at -> Duration.between(request.at(), at));
    }

    /** Who took it, with their score and distance when offered; empty while nobody has. */
    Optional<Scoring.Scored> servedBy() {
        return Optional.ofNullable(servedBy);
    }

    /** Production's decision of whom to ask for this request, with who was tried so far (nobody entered it for another). */
    Asking asking(Scoring.Weights weights) {
        return new Asking(need, request.requesterId(), null, tried, weights);
    }

    void waiting() {
        state = State.WAITING;
    }

    void unassignable() {
        state = State.UNASSIGNABLE;
    }

    void offered(Order offer, Scoring.Scored to) {
        state = State.OFFERED;
        offersMade++;
        tried.add(to.volunteerId());
        offeredTo.put(to.volunteerId(), to);
        open.add(offer);
    }

    /** The offer, while it is open. */
    Optional<Order> openOffer(UUID orderId) {
        return open.stream().filter(order -> order.id().equals(orderId)).findFirst();
    }

    /** The offer was declined or expired; true when none is open any more, so the request waits again. */
    boolean closed(Order offer) {
        open.remove(offer);
        return open.isEmpty() && state == State.OFFERED;
    }

    /** Someone took it: the other open offers, which are withdrawn. */
    List<Order> accepted(Order offer, Instant now) {
        state = State.ASSIGNED;
        acceptedAt = now;
        servedBy = offeredTo.get(offer.volunteerId());
        open.remove(offer);
        List<Order> others = List.copyOf(open);
        open.clear();
        return others;
    }
}
