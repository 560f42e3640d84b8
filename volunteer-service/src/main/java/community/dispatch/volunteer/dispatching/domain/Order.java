package community.dispatch.volunteer.dispatching.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import community.dispatch.errors.DomainException;
import community.dispatch.events.DomainEvent;
import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.events.order.OrderDeclined;
import community.dispatch.events.order.OrderExpired;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.order.OrderReleased;
import community.dispatch.events.order.OrderStarted;
import community.dispatch.events.order.OrderWithdrawn;

/**
 * An offer to one volunteer and, once accepted, the order it became. Moves are made here and only
 * here: each takes {@code now}, returns the changed order with the event that records it (if the move
 * is published), or throws {@link IllegalOrderMove}.
 */
public record Order(UUID id, UUID requestId, UUID volunteerId, String teamKey, OrderStatus status, Instant offeredAt,
        Instant expiresAt, Instant startedAt, Instant completedAt, String note, Double hours) {

    /** The order after a move, and the event to record with it. */
    public record Moved(Order order, Optional<DomainEvent> event) {

        static Moved published(Order order, DomainEvent event) {
            return new Moved(order, Optional.of(event));
        }

        static Moved quietly(Order order) {
            return new Moved(order, Optional.empty());
        }
    }

    /** A new offer, open for {@code timeout}. */
    public static Moved offer(UUID requestId, UUID volunteerId, String teamKey, Instant now, Duration timeout) {
        Order offered = new Order(UUID.randomUUID(), requestId, volunteerId, teamKey, OrderStatus.OFFERED, now,
                now.plus(timeout), null, null, null, null);
        return Moved.published(offered, new OrderOffered(offered.id, requestId, volunteerId, teamKey, offered.expiresAt));
    }

    /** An order given by hand (a team leader or staff): accepted from the start. */
    public static Moved assignedByHand(UUID requestId, UUID volunteerId, String teamKey, Instant now) {
        Order assigned = new Order(UUID.randomUUID(), requestId, volunteerId, teamKey, OrderStatus.ACCEPTED, now, now,
                null, null, null, null);
        return Moved.published(assigned, new OrderAccepted(assigned.id, requestId, volunteerId));
    }

    /** The volunteer takes the offer, while it is open and before it expires. */
    public Moved accept(Instant now) {
        if (status != OrderStatus.OFFERED || !now.isBefore(expiresAt)) {
            throw new IllegalOrderMove(status, "This offer is no longer open.");
        }
        return Moved.published(with(OrderStatus.ACCEPTED), new OrderAccepted(id, requestId, volunteerId));
    }

    public Moved decline(String reason) {
        require(OrderStatus.DECLINED, "Only an open offer can be declined.");
        return Moved.published(with(OrderStatus.DECLINED), new OrderDeclined(id, requestId, volunteerId, reason));
    }

    /** Nobody answered in time: only an open offer past its expiry expires. */
    public Moved expire(Instant now) {
        if (status != OrderStatus.OFFERED || now.isBefore(expiresAt)) {
            throw new IllegalOrderMove(status, "Only an open offer past its time expires.");
        }
        return Moved.published(with(OrderStatus.EXPIRED), new OrderExpired(id, requestId, volunteerId));
    }

    public Moved checkIn(Instant now) {
        require(OrderStatus.STARTED, "Check in to an order you accepted.");
        Order started = with(OrderStatus.STARTED).withWork(now, completedAt, note, hours);
        return Moved.published(started, new OrderStarted(id, requestId, volunteerId, now));
    }

    /**
     * The work is done: the hours since check-in are credited, rounded to the half hour and at most
     * {@code maxHours} (a forgotten check-out earns no days; staff correct the rare long job). The note is for the
     * requester and staff; a public note, if any, is what the volunteer chose to say in public.
     */
    public Moved checkOut(Instant now, String note, String publicNote, double maxHours) {
        return checkOut(now, note, publicNote, maxHours, List.of());
    }

    /**
     * As {@link #checkOut(Instant, String, String, double)}, crediting only the time that the volunteer's other
     * orders, checked out before, have not been credited for: hours never add up beyond the time that passed.
     */
    public Moved checkOut(Instant now, String note, String publicNote, double maxHours, List<ServiceHours.Span> credited) {
        require(OrderStatus.COMPLETED, "Check out of an order you checked in to.");
        Duration uncovered = ServiceHours.uncovered(startedAt, now, credited);
        // A short job earns the half hour a job at least earns, unless other orders were credited for its time.
        double hours = !credited.isEmpty() && uncovered.toMinutes() < 1 ? 0 : Math.min(ServiceHours.of(uncovered), maxHours);
        Order completed = with(OrderStatus.COMPLETED).withWork(startedAt, now, note == null ? "" : note, hours);
        return Moved.published(completed, new OrderCompleted(id, requestId, volunteerId, now, note, publicNote));
    }

    /** Staff correct the hours credited for work done (to the half hour, half an hour to 24). */
    public Order correctHours(double corrected) {
        if (status != OrderStatus.COMPLETED && status != OrderStatus.SUPERSEDED) {
            throw new IllegalOrderMove(status, "Only the hours of work done are corrected.");
        }
        if (corrected < 0.5 || corrected > 24 || corrected * 2 != Math.rint(corrected * 2)) {
            throw DomainException.invalidField("hours", "half hours from 0.5 to 24");
        }
        return withWork(startedAt, completedAt, note, corrected);
    }

    /** Given back before the work started: by the volunteer, or because someone else was assigned. */
    public Moved release(String reason) {
        require(OrderStatus.RELEASED, "Only an accepted order that has not started can be released.");
        return Moved.published(with(OrderStatus.RELEASED), new OrderReleased(id, requestId, volunteerId, reason));
    }

    /**
     * The request was cancelled, or someone else took it ({@link OrderWithdrawn#CANCELLED},
     * {@link OrderWithdrawn#TAKEN}): an open offer or untouched order is withdrawn, and its volunteer told.
     */
    public Moved withdraw(String reason) {
        require(OrderStatus.WITHDRAWN, "Only an open offer or an order not yet started can be withdrawn.");
        return Moved.published(with(OrderStatus.WITHDRAWN), new OrderWithdrawn(id, requestId, volunteerId, reason));
    }

    /** The request was reopened (重辦): the completed order keeps its hours but no longer holds the request. */
    public Moved supersede() {
        require(OrderStatus.SUPERSEDED, "Only a completed order is superseded.");
        return Moved.quietly(with(OrderStatus.SUPERSEDED));
    }

    private void require(OrderStatus to, String otherwise) {
        if (!status.next().contains(to)) {
            throw new IllegalOrderMove(status, otherwise);
        }
    }

    /** This order, moved to {@code to}. */
    private Order with(OrderStatus to) {
        return new Order(id, requestId, volunteerId, teamKey, to, offeredAt, expiresAt, startedAt, completedAt, note, hours);
    }

    /** This order, with the work's record: when it started and ended, the volunteer's note and the hours credited. */
    private Order withWork(Instant started, Instant completed, String workNote, Double credited) {
        return new Order(id, requestId, volunteerId, teamKey, status, offeredAt, expiresAt, started, completed, workNote,
                credited);
    }
}
