package community.dispatch.request.requests.domain;

import community.dispatch.request.catalogue.Urgency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServiceRequestTest {

    private static final Instant T0 = Instant.parse("2026-11-28T02:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    /** Every move the lifecycle allows, as the issue describes it. */
    private static final Set<String> LEGAL = Set.of(
            "SUBMITTED>DISPATCHING", "SUBMITTED>CANCELLED", "SUBMITTED>REJECTED", "SUBMITTED>ESCALATED",
            "DISPATCHING>ASSIGNED", "DISPATCHING>CANCELLED", "DISPATCHING>REJECTED", "DISPATCHING>ESCALATED",
            "ASSIGNED>IN_PROGRESS", "ASSIGNED>DISPATCHING", "ASSIGNED>CANCELLED", "ASSIGNED>ESCALATED",
            "IN_PROGRESS>RESOLVED", "IN_PROGRESS>ESCALATED",
            "RESOLVED>CLOSED", "RESOLVED>REOPENED",
            "REOPENED>DISPATCHING", "REOPENED>ESCALATED", "REOPENED>CANCELLED",
            "ESCALATED>DISPATCHING", "ESCALATED>ASSIGNED", "ESCALATED>RESOLVED", "ESCALATED>REJECTED",
            "ESCALATED>CANCELLED");

    @ParameterizedTest
    @EnumSource(Status.class)
    void eachStatusAllowsExactlyItsMoves(Status from) {
        for (Status to : Status.values()) {
            ServiceRequest request = in(from);
            if (LEGAL.contains(from + ">" + to)) {
                ServiceRequest.Changed changed = request.moveTo(to, "staff-1", "because", T0.plusSeconds(60), WEEK);
                assertThat(changed.request().status()).isEqualTo(to);
                assertThat(changed.moves()).containsExactly(
                        new ServiceRequest.Move(from, to, "staff-1", "because", T0.plusSeconds(60)));
            }
            else {
                assertThatThrownBy(() -> request.moveTo(to, "staff-1", "because", T0, WEEK))
                        .isInstanceOf(IllegalMove.class)
                        .hasMessageContaining(from.name()).hasMessageContaining(to.name());
            }
        }
    }

    @Test
    void closedCancelledAndRejectedAreFinal() {
        assertThat(EnumSet.allOf(Status.class).stream().filter(Status::isFinal))
                .containsExactlyInAnyOrder(Status.CLOSED, Status.CANCELLED, Status.REJECTED);
    }

    @Test
    void onlyRequestsWhoseWorkHasNotStartedCanBeWithdrawn() {
        assertThat(EnumSet.allOf(Status.class).stream().filter(Status::beforeWork))
                .containsExactlyInAnyOrder(Status.SUBMITTED, Status.DISPATCHING, Status.ASSIGNED, Status.REOPENED);
    }

    @Test
    void deadlinesFollowTheHotlineNorms() {
        assertThat(Deadlines.of(Urgency.EMERGENCY, T0)).isEqualTo(new Deadlines(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2))));
        assertThat(Deadlines.of(Urgency.URGENT, T0)).isEqualTo(new Deadlines(T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(24))));
        assertThat(Deadlines.of(Urgency.NORMAL, T0)).isEqualTo(new Deadlines(T0.plus(Duration.ofHours(24)), T0.plus(Duration.ofDays(7))));
        assertThat(Deadlines.of(Urgency.COMPLEX, T0)).isEqualTo(new Deadlines(T0.plus(Duration.ofHours(24)), T0.plus(Duration.ofDays(15))));
    }

    @Test
    void theDeadlineThatAppliesDependsOnTheStatus() {
        ServiceRequest request = submitted(Urgency.URGENT);
        assertThat(request.dueAt()).isEqualTo(T0.plus(Duration.ofHours(2)));

        ServiceRequest assigned = request.advanceTo(Status.ASSIGNED, "volunteer", null, T0.plusSeconds(600), WEEK).request();
        assertThat(assigned.dueAt()).isEqualTo(T0.plus(Duration.ofHours(24)));

        Instant resolvedAt = T0.plus(Duration.ofHours(5));
        ServiceRequest resolved = assigned.advanceTo(Status.RESOLVED, "volunteer", null, resolvedAt, WEEK).request();
        assertThat(resolved.dueAt()).as("the evaluation window").isEqualTo(resolvedAt.plus(WEEK));

        ServiceRequest escalated = request.moveTo(Status.ESCALATED, "system", "late", T0.plusSeconds(7201), WEEK).request();
        assertThat(escalated.dueAt()).as("staff act; no timer").isNull();
        assertThat(request.deadlines().breachedIn(Status.SUBMITTED, T0.plus(Duration.ofHours(2)))).isFalse();
        assertThat(request.deadlines().breachedIn(Status.SUBMITTED, T0.plus(Duration.ofHours(2)).plusMillis(1))).isTrue();
        assertThat(request.deadlines().breachedIn(Status.CLOSED, T0.plus(Duration.ofDays(90)))).isFalse();
    }

    @Test
    void aPassedDeadlineEscalatesAndAnUnansweredEvaluationCloses() {
        ServiceRequest request = submitted(Urgency.EMERGENCY);

        assertThat(request.timerFired(T0.plus(Duration.ofMinutes(59)), WEEK).changed()).isFalse();
        ServiceRequest.Changed late = request.timerFired(T0.plus(Duration.ofMinutes(61)), WEEK);
        assertThat(late.request().status()).isEqualTo(Status.ESCALATED);
        assertThat(late.moves().get(0).reason()).startsWith("dispatch deadline");

        ServiceRequest resolved = request.advanceTo(Status.RESOLVED, "v", null, T0.plusSeconds(1800), WEEK).request();
        ServiceRequest.Changed unanswered = resolved.timerFired(T0.plusSeconds(1800).plus(WEEK).plusSeconds(1), WEEK);
        assertThat(unanswered.request().status()).isEqualTo(Status.CLOSED);
    }

    @Test
    void volunteersActionsOnlyMoveARequestForward() {
        ServiceRequest started = submitted(Urgency.NORMAL).advanceTo(Status.IN_PROGRESS, "v", null, T0, WEEK).request();

        assertThat(started.advanceTo(Status.ASSIGNED, "v", "late event", T0, WEEK).changed()).isFalse();
        assertThat(started.advanceTo(Status.IN_PROGRESS, "v", "replayed", T0, WEEK).changed()).isFalse();
        ServiceRequest cancelled = submitted(Urgency.NORMAL).moveTo(Status.CANCELLED, "r", null, T0, WEEK).request();
        assertThat(cancelled.advanceTo(Status.ASSIGNED, "v", null, T0, WEEK).changed()).isFalse();
    }

    @Test
    void aSkippedStepIsWalkedThroughAndAnEscalatedRequestJumpsStraightBack() {
        ServiceRequest.Changed fromSubmitted = submitted(Urgency.NORMAL).advanceTo(Status.RESOLVED, "v", null, T0, WEEK);
        assertThat(fromSubmitted.moves()).extracting(ServiceRequest.Move::to)
                .containsExactly(Status.DISPATCHING, Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED);

        ServiceRequest escalated = submitted(Urgency.NORMAL).moveTo(Status.ESCALATED, "system", null, T0, WEEK).request();
        assertThat(escalated.advanceTo(Status.ASSIGNED, "v", null, T0, WEEK).moves()).extracting(ServiceRequest.Move::to)
                .containsExactly(Status.ASSIGNED);
    }

    @Test
    void aLowRatingReopensWithFreshDeadlinesAndAGoodOneCloses() {
        ServiceRequest resolved = submitted(Urgency.URGENT).advanceTo(Status.RESOLVED, "v", null, T0, WEEK).request();
        Instant ratedAt = T0.plus(Duration.ofDays(2));

        ServiceRequest reopened = resolved.evaluate(2, "resident", ratedAt, WEEK, true).request();
        assertThat(reopened.status()).isEqualTo(Status.REOPENED);
        assertThat(reopened.rating()).isEqualTo(2);
        assertThat(reopened.dueAt()).isEqualTo(ratedAt.plus(Duration.ofHours(2)));

        ServiceRequest closed = resolved.evaluate(4, "resident", ratedAt, WEEK, true).request();
        assertThat(closed.status()).isEqualTo(Status.CLOSED);
        assertThat(closed.dueAt()).isNull();

        assertThatThrownBy(() -> submitted(Urgency.URGENT).evaluate(5, "resident", ratedAt, WEEK, true)).isInstanceOf(IllegalMove.class);
        assertThatThrownBy(() -> resolved.evaluate(6, "resident", ratedAt, WEEK, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLowRatingOnceTheRoundsAreUsedUpEscalatesToStaffButAGoodOneStillCloses() {
        ServiceRequest resolved = submitted(Urgency.URGENT).advanceTo(Status.RESOLVED, "v", null, T0, WEEK).request();
        Instant ratedAt = T0.plus(Duration.ofDays(2));

        ServiceRequest.Changed escalated = resolved.evaluate(1, "resident", ratedAt, WEEK, false);
        assertThat(escalated.request().status()).isEqualTo(Status.ESCALATED);
        assertThat(escalated.request().rating()).isEqualTo(1);
        assertThat(escalated.moves()).singleElement().satisfies(move -> assertThat(move.reason()).contains("staff decide"));

        assertThat(resolved.evaluate(3, "resident", ratedAt, WEEK, false).request().status()).isEqualTo(Status.CLOSED);
    }

    @Test
    void aDuplicateClosesFromAnyUnfinishedStatusAndPointsToTheOriginal() {
        UUID original = UUID.randomUUID();
        for (Status status : Status.values()) {
            ServiceRequest request = in(status);
            if (status.isFinal()) {
                assertThatThrownBy(() -> request.closeAsDuplicateOf(original, "staff", T0)).isInstanceOf(IllegalMove.class);
            }
            else {
                ServiceRequest.Changed closed = request.closeAsDuplicateOf(original, "staff", T0);
                assertThat(closed.request().status()).isEqualTo(Status.CLOSED);
                assertThat(closed.request().dueAt()).isNull();
                assertThat(closed.moves().get(0).reason()).isEqualTo("duplicate of " + original);
            }
        }
        ServiceRequest request = submitted(Urgency.NORMAL);
        assertThatThrownBy(() -> request.closeAsDuplicateOf(request.id(), "staff", T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDisputeGoesStraightIntoDeliberationWithoutARequestTimer() {
        ServiceRequest dispute = submitted(Urgency.COMPLEX);

        ServiceRequest.Changed deliberating = dispute.startDeliberation(Step.ONLINE_DELIBERATION, "system", T0);

        assertThat(deliberating.request().status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(deliberating.request().dueAt()).isNull();
        assertThat(deliberating.moves().get(0).reason()).contains("ONLINE_DELIBERATION", "网上议事");
        assertThat(in(Status.REOPENED).startDeliberation(Step.ONLINE_DELIBERATION, "system", T0).request().status())
                .isEqualTo(Status.IN_PROGRESS);
        assertThatThrownBy(() -> in(Status.ASSIGNED).startDeliberation(Step.ONLINE_DELIBERATION, "system", T0))
                .isInstanceOf(IllegalMove.class);
        assertThat(Step.ONLINE_DELIBERATION.next()).contains(Step.PROPERTY_COUNCIL);
        assertThat(Step.PROPERTY_COUNCIL.next()).contains(Step.COMMUNITY_COUNCIL);
        assertThat(Step.COMMUNITY_COUNCIL.next()).isEmpty();
    }

    @Test
    void staffReclassifyingCountsTheDeadlinesAgainFromSubmission() {
        ServiceRequest assigned = submitted(Urgency.NORMAL).advanceTo(Status.ASSIGNED, "v", null, T0.plusSeconds(60), WEEK).request();

        ServiceRequest.Changed complex = assigned.reclassify(Urgency.COMPLEX, "staff", T0.plusSeconds(120));

        assertThat(complex.request().urgency()).isEqualTo(Urgency.COMPLEX);
        assertThat(complex.request().deadlines().feedbackBy()).isEqualTo(T0.plus(Duration.ofDays(15)));
        assertThat(complex.request().dueAt()).isEqualTo(T0.plus(Duration.ofDays(15)));
        assertThat(complex.moves().get(0).reason()).isEqualTo("urgency NORMAL → COMPLEX");
        assertThatThrownBy(() -> in(Status.CLOSED).reclassify(Urgency.URGENT, "staff", T0)).isInstanceOf(IllegalMove.class);
    }

    private static ServiceRequest submitted(Urgency urgency) {
        return ServiceRequest.submitted(UUID.randomUUID(), "member-1", "member-1", Channel.APP, "household-help", urgency,
                "G01", "C01", T0);
    }

    /** A request that has reached the status by legal moves. */
    private static ServiceRequest in(Status status) {
        ServiceRequest request = submitted(Urgency.NORMAL);
        return switch (status) {
            case SUBMITTED -> request;
            case DISPATCHING, ASSIGNED, IN_PROGRESS, RESOLVED -> request.advanceTo(status, "v", null, T0, WEEK).request();
            case CLOSED -> in(Status.RESOLVED).moveTo(Status.CLOSED, "r", null, T0, WEEK).request();
            case REOPENED -> in(Status.RESOLVED).moveTo(Status.REOPENED, "r", null, T0, WEEK).request();
            case CANCELLED, REJECTED, ESCALATED -> request.moveTo(status, "s", null, T0, WEEK).request();
        };
    }
}
