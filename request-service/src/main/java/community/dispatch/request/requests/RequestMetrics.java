package community.dispatch.request.requests;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.springframework.stereotype.Component;

import community.dispatch.kit.metrics.Committed;
import community.dispatch.request.catalogue.Urgency;
import community.dispatch.request.requests.domain.ServiceRequest;
import community.dispatch.request.requests.domain.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

/**
 * The collect-orders side of the dispatch loop in numbers, each counted once its change has committed.
 * Tags are few and bounded: category code, channel, urgency, escalation kind, rating, deliberation step.
 */
@Component
class RequestMetrics {

    /** Bucket bounds of the two waits, around the 12345 norms: dispatched within 1 h, 2 h or 24 h. */
    static final Duration[] SLO_BUCKETS = { Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8),
            Duration.ofHours(24) };

    static final List<String> ESCALATION_KINDS = List.of("dispatch-deadline", "feedback-deadline", "low-rating",
            "deliberation-exhausted", "unassignable", "by-staff");

    private static final Wait FIRST_OFFER = new Wait("dispatch.requests.first.offer", "From submission to the first offer");
    private static final Wait ACCEPTANCE = new Wait("dispatch.requests.acceptance",
            "From submission to a volunteer's acceptance");

    /** A wait measured from a request's submission. */
    private record Wait(String name, String description) {
    }

    private final MeterRegistry meters;

    /** Registers every series up front at zero, so that rates and alerts see them before the first event. */
    RequestMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (Urgency urgency : Urgency.values()) {
            waiting(FIRST_OFFER, urgency);
            waiting(ACCEPTANCE, urgency);
            ESCALATION_KINDS.forEach(kind -> escalations(kind, urgency));
        }
        reopenings();
        IntStream.rangeClosed(1, 5).forEach(this::evaluations);
    }

    Mono<Void> submitted(ServiceRequest request) {
        return Committed.measure(() -> Counter.builder("dispatch.requests.submitted")
                .description("Requests submitted")
                .tag("category", request.categoryCode())
                .tag("channel", tag(request.channel()))
                .tag("urgency", tag(request.urgency()))
                .register(meters).increment());
    }

    /** The moves worth watching: the first offer, an acceptance, an escalation, a reopening. */
    Mono<Void> moved(ServiceRequest request, ServiceRequest.Move move) {
        return Committed.measure(() -> {
            Duration waited = Duration.between(request.submittedAt(), move.at());
            if (move.to() == Status.DISPATCHING && move.from() == Status.SUBMITTED) {
                waiting(FIRST_OFFER, request.urgency()).record(waited);
            }
            else if (move.to() == Status.ASSIGNED) {
                waiting(ACCEPTANCE, request.urgency()).record(waited);
            }
            else if (move.to() == Status.ESCALATED) {
                escalations(escalationKind(move), request.urgency()).increment();
            }
            else if (move.to() == Status.REOPENED) {
                reopenings().increment();
            }
        });
    }

    Mono<Void> evaluated(int rating) {
        return Committed.measure(() -> evaluations(rating).increment());
    }

    /**
     * Why a request went to staff, from the move's reason as {@link ServiceRequest} and
     * the deliberation ladder words it; an SLA breach is {@code dispatch-deadline} or {@code feedback-deadline}.
     */
    static String escalationKind(ServiceRequest.Move move) {
        String reason = move.reason() == null ? "" : move.reason();
        if (reason.startsWith("dispatch deadline")) {
            return "dispatch-deadline";
        }
        if (reason.startsWith("feedback deadline")) {
            return "feedback-deadline";
        }
        if (reason.startsWith("rated ")) {
            return "low-rating";
        }
        if (reason.startsWith("deliberation ladder exhausted")) {
            return "deliberation-exhausted";
        }
        return VolunteerProgress.DISPATCHER.equals(move.actor()) ? "unassignable" : "by-staff";
    }

    private Timer waiting(Wait wait, Urgency urgency) {
        return Timer.builder(wait.name()).description(wait.description())
                .tag("urgency", tag(urgency))
                .serviceLevelObjectives(SLO_BUCKETS)
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofDays(2))
                .register(meters);
    }

    private Counter escalations(String kind, Urgency urgency) {
        return Counter.builder("dispatch.requests.escalated")
                .description("Requests handed to staff, by why: an SLA deadline passed, nobody could be found, "
                        + "a low rating after the last reopening, the deliberation ladder ran out")
                .tag("kind", kind).tag("urgency", tag(urgency))
                .register(meters);
    }

    private Counter reopenings() {
        return Counter.builder("dispatch.requests.reopened").description("Requests reopened after a low rating")
                .register(meters);
    }

    private Counter evaluations(int rating) {
        return Counter.builder("dispatch.requests.evaluated").description("Evaluations by the requester, by stars")
                .tag("rating", Integer.toString(rating)).register(meters);
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
