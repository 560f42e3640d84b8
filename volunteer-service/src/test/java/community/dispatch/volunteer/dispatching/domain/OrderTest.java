package community.dispatch.volunteer.dispatching.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import community.dispatch.errors.DomainException;
import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.events.order.OrderDeclined;
import community.dispatch.events.order.OrderExpired;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.order.OrderReleased;
import community.dispatch.events.order.OrderWithdrawn;
import community.dispatch.events.order.OrderStarted;

class OrderTest {

    private static final Instant OFFERED_AT = Instant.parse("2026-12-01T02:00:00Z");
    private static final Duration TIMEOUT = Duration.ofHours(1);
    /** Before the offer expires. */
    private static final Instant SOON = OFFERED_AT.plus(Duration.ofMinutes(10));
    /** After it has. */
    private static final Instant LATE = OFFERED_AT.plus(Duration.ofHours(2));

    /** Each move, made at a time when only the status decides whether it is allowed. */
    private static final Map<String, BiFunction<Order, Instant, Order.Moved>> MOVES = Map.of(
            "accept", (order, now) -> order.accept(now),
            "decline", (order, now) -> order.decline("busy"),
            "expire", (order, now) -> order.expire(now),
            "checkIn", (order, now) -> order.checkIn(now),
            "checkOut", (order, now) -> order.checkOut(now, "done", null, 8),
            "release", (order, now) -> order.release("cannot come"),
            "withdraw", (order, now) -> order.withdraw(OrderWithdrawn.TAKEN),
            "supersede", (order, now) -> order.supersede());

    private static final Map<String, OrderStatus> TARGET = Map.of("accept", OrderStatus.ACCEPTED, "decline",
            OrderStatus.DECLINED, "expire", OrderStatus.EXPIRED, "checkIn", OrderStatus.STARTED, "checkOut",
            OrderStatus.COMPLETED, "release", OrderStatus.RELEASED, "withdraw", OrderStatus.WITHDRAWN, "supersede",
            OrderStatus.SUPERSEDED);

    static Stream<Arguments> everyStatusAndMove() {
        return Stream.of(OrderStatus.values())
                .flatMap(status -> MOVES.keySet().stream().sorted().map(move -> Arguments.of(status, move)));
    }

    /** A move is allowed exactly when the lifecycle table says so, and lands in its target status. */
    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("everyStatusAndMove")
    void eachMoveIsAllowedExactlyWhereTheTableSays(OrderStatus from, String move) {
        Order order = in(from);
        Instant now = move.equals("expire") ? LATE : SOON;
        if (from.next().contains(TARGET.get(move))) {
            Order.Moved moved = MOVES.get(move).apply(order, now);
            assertThat(moved.order().status()).isEqualTo(TARGET.get(move));
            assertThat(moved.order().id()).isEqualTo(order.id());
        }
        else {
            assertThatThrownBy(() -> MOVES.get(move).apply(order, now))
                    .isInstanceOf(IllegalOrderMove.class)
                    .satisfies(error -> assertThat(((IllegalOrderMove) error).properties()).containsEntry("status", from.name()))
                    .satisfies(error -> assertThat(((IllegalOrderMove) error).code()).isEqualTo("illegal-order-transition"));
        }
    }

    @Test
    void anOfferIsOpenForItsTimeoutAndRecordsWhoAndUntilWhen() {
        UUID request = UUID.randomUUID();
        UUID volunteer = UUID.randomUUID();
        Order.Moved offered = Order.offer(request, volunteer, "angel", OFFERED_AT, TIMEOUT);

        assertThat(offered.order().status()).isEqualTo(OrderStatus.OFFERED);
        assertThat(offered.order().expiresAt()).isEqualTo(OFFERED_AT.plus(TIMEOUT));
        assertThat(offered.event()).containsInstanceOf(OrderOffered.class);
        OrderOffered event = (OrderOffered) offered.event().orElseThrow();
        assertThat(event.volunteerId()).isEqualTo(volunteer);
        assertThat(event.requestId()).isEqualTo(request);
    }

    @Test
    void anOfferCannotBeAcceptedOnceItsTimeIsUpNorExpireBefore() {
        Order offer = in(OrderStatus.OFFERED);

        assertThatThrownBy(() -> offer.accept(OFFERED_AT.plus(TIMEOUT))).isInstanceOf(IllegalOrderMove.class)
                .hasMessage("This offer is no longer open.");
        assertThatThrownBy(() -> offer.expire(SOON)).isInstanceOf(IllegalOrderMove.class);
        assertThat(offer.accept(SOON).event()).containsInstanceOf(OrderAccepted.class);
        assertThat(offer.expire(OFFERED_AT.plus(TIMEOUT)).event()).containsInstanceOf(OrderExpired.class);
    }

    @Test
    void checkOutCreditsTheHoursSinceCheckInToTheHalfHour() {
        Order.Moved started = in(OrderStatus.ACCEPTED).checkIn(SOON);
        assertThat(started.order().startedAt()).isEqualTo(SOON);
        assertThat(started.event()).containsInstanceOf(OrderStarted.class);

        Order.Moved completed = started.order().checkOut(SOON.plus(Duration.ofMinutes(100)), null, null, 8);

        assertThat(completed.order().hours()).isEqualTo(1.5);
        assertThat(completed.order().completedAt()).isEqualTo(SOON.plus(Duration.ofMinutes(100)));
        assertThat(completed.order().note()).isEmpty();
        assertThat(completed.event()).containsInstanceOf(OrderCompleted.class);
    }

    @Test
    void theNoteForTheRequesterAndTheWordsForThePublicTravelApart() {
        Order started = in(OrderStatus.ACCEPTED).checkIn(SOON).order();

        Order.Moved completed = started.checkOut(SOON.plus(Duration.ofHours(1)), "Mrs Li, alone in 301", "Tap repaired.", 8);

        assertThat(completed.event()).get().isInstanceOfSatisfying(OrderCompleted.class, event -> {
            assertThat(event.note()).isEqualTo("Mrs Li, alone in 301");
            assertThat(event.publicNote()).isEqualTo("Tap repaired.");
        });
    }

    @Test
    void aForgottenCheckOutEarnsAtMostTheCapAndStaffCorrectWorkDone() {
        Order started = in(OrderStatus.ACCEPTED).checkIn(SOON).order();

        Order completed = started.checkOut(SOON.plus(Duration.ofDays(3)), "forgot to check out", null, 8).order();

        assertThat(completed.hours()).isEqualTo(8.0);
        assertThat(completed.correctHours(9.5).hours()).isEqualTo(9.5);
        assertThatThrownBy(() -> completed.correctHours(0.3)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> completed.correctHours(30)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> started.correctHours(2)).isInstanceOf(IllegalOrderMove.class);
    }

    @Test
    void declinesReleasesAndWithdrawalsArePublishedWithTheirReasonSupersessionsAreNot() {
        assertThat(((OrderDeclined) in(OrderStatus.OFFERED).decline("away").event().orElseThrow()).reason()).isEqualTo("away");
        assertThat(((OrderReleased) in(OrderStatus.ACCEPTED).release("ill").event().orElseThrow()).reason()).isEqualTo("ill");
        assertThat(((OrderWithdrawn) in(OrderStatus.OFFERED).withdraw(OrderWithdrawn.CANCELLED).event().orElseThrow()).reason())
                .isEqualTo(OrderWithdrawn.CANCELLED);
        assertThat(in(OrderStatus.COMPLETED).supersede().event()).isEmpty();
    }

    @Test
    void anOrderGivenByHandIsAcceptedFromTheStart() {
        Order.Moved assigned = Order.assignedByHand(UUID.randomUUID(), UUID.randomUUID(), "weaver", SOON);

        assertThat(assigned.order().status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(assigned.event()).containsInstanceOf(OrderAccepted.class);
    }

    static Order in(OrderStatus status) {
        Instant started = status == OrderStatus.STARTED || status == OrderStatus.COMPLETED || status == OrderStatus.SUPERSEDED
                ? OFFERED_AT.plus(Duration.ofMinutes(5)) : null;
        return new Order(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "angel", status, OFFERED_AT,
                OFFERED_AT.plus(TIMEOUT), started, null, null, null);
    }
}
