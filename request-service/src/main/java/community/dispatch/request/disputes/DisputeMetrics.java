package community.dispatch.request.disputes;

import java.util.Locale;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import community.dispatch.kit.metrics.Committed;
import community.dispatch.request.requests.domain.Step;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/** Disputes put on each rung of the ladder ({@code dispatch.disputes.steps}), every series registered up front at zero. */
@Component
class DisputeMetrics {

    private final MeterRegistry meters;

    DisputeMetrics(MeterRegistry meters) {
        this.meters = meters;
        Stream.of(Step.values()).forEach(this::steps);
    }

    /** Counts a dispute put on a rung, once the transaction that puts it there commits. */
    Mono<Void> putOn(Step step) {
        return Committed.measure(() -> steps(step).increment());
    }

    private Counter steps(Step step) {
        return Counter.builder("dispatch.disputes.steps").description("Disputes put on a rung of the deliberation ladder")
                .tag("step", step.name().toLowerCase(Locale.ROOT).replace('_', '-')).register(meters);
    }
}
