package community.dispatch.request.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import community.dispatch.request.catalogue.Urgency;
import community.dispatch.request.requests.domain.Channel;
import community.dispatch.request.requests.domain.ServiceRequest;
import community.dispatch.request.requests.domain.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The dashboards' numbers, from the moves the domain really makes. */
class RequestMetricsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(7);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RequestMetrics metrics = new RequestMetrics(meters);

    @Test
    void eachWayToStaffHasItsKindAndTheDeadlinesAreTheSlaBreaches() {
        ServiceRequest urgent = submitted(Urgency.URGENT);
        assertThat(kind(urgent.timerFired(T0.plus(Duration.ofHours(3)), WINDOW))).isEqualTo("dispatch-deadline");

        ServiceRequest assigned = urgent.advanceTo(Status.ASSIGNED, "volunteer", "accepted", T0.plusSeconds(60), WINDOW)
                .request();
        assertThat(kind(assigned.timerFired(T0.plus(Duration.ofDays(2)), WINDOW))).isEqualTo("feedback-deadline");

        ServiceRequest resolved = assigned.advanceTo(Status.RESOLVED, "volunteer", "done", T0.plusSeconds(600), WINDOW)
                .request();
        assertThat(kind(resolved.evaluate(1, "member-1", T0.plusSeconds(700), WINDOW, false))).isEqualTo("low-rating");

        assertThat(kind(urgent.moveTo(Status.ESCALATED, VolunteerProgress.DISPATCHER, "no eligible volunteer is free",
                T0.plusSeconds(5), WINDOW))).isEqualTo("unassignable");
        assertThat(kind(urgent.moveTo(Status.ESCALATED, "staff-1", "needs the office", T0.plusSeconds(5), WINDOW)))
                .isEqualTo("by-staff");
    }

    @Test
    void theWaitsAreFromSubmissionToTheFirstOfferAndToAcceptance() {
        ServiceRequest request = submitted(Urgency.NORMAL);
        ServiceRequest.Changed accepted = request.advanceTo(Status.ASSIGNED, "volunteer", "order accepted",
                T0.plus(Duration.ofMinutes(20)), WINDOW);
        accepted.moves().forEach(move -> metrics.moved(accepted.request(), move).block());

        assertThat(meters.get("dispatch.requests.first.offer").tag("urgency", "normal").timer().totalTime(
                java.util.concurrent.TimeUnit.MINUTES)).isEqualTo(20.0);
        assertThat(meters.get("dispatch.requests.acceptance").tag("urgency", "normal").timer().count()).isEqualTo(1);
        assertThat(meters.get("dispatch.requests.acceptance").tag("urgency", "normal").timer().takeSnapshot()
                .histogramCounts()).as("SLO buckets").hasSize(RequestMetrics.SLO_BUCKETS.length);
    }

    @Test
    void everySeriesAlertsLookAtExistsBeforeItsFirstEvent() {
        for (String kind : RequestMetrics.ESCALATION_KINDS) {
            assertThat(meters.get("dispatch.requests.escalated").tag("kind", kind).tag("urgency", "emergency").counter()
                    .count()).isZero();
        }
        assertThat(meters.get("dispatch.requests.first.offer").timers()).hasSize(4);
    }

    private String kind(ServiceRequest.Changed changed) {
        ServiceRequest.Move move = changed.moves().get(changed.moves().size() - 1);
        assertThat(move.to()).isEqualTo(Status.ESCALATED);
        return RequestMetrics.escalationKind(move);
    }

    private static ServiceRequest submitted(Urgency urgency) {
        return ServiceRequest.submitted(UUID.randomUUID(), "member-1", "member-1", Channel.APP, "household-help", urgency,
                "G01", "C01", T0);
    }
}
