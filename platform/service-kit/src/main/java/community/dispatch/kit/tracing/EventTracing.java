package community.dispatch.kit.tracing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import community.dispatch.events.CloudEvent;
import community.dispatch.kit.outbox.PendingEvent;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * Carries traces across Kafka as the CloudEvents distributed-tracing extension. An event recorded while
 * a span is current (a call, a consumer's handling) gets that span's {@code traceparent}; the relay
 * sends it in a span of that trace ({@value #SEND}); a consumer handles it in another
 * ({@value #CONSUME}), so one trace runs from a submission through the outbox and the relay to the
 * other service's dispatch and on. Both observations are timers too, by topic and by consumer and
 * event type.
 */
@RequiredArgsConstructor
public class EventTracing {

    public static final String SEND = "dispatch.outbox.send";
    public static final String CONSUME = "dispatch.event.consume";
    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";
    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private final Tracer tracer;
    private final Propagator propagator;
    private final ObservationRegistry observations;

    /** The event stamped with the trace current in the subscriber's Reactor context; unchanged outside any. */
    public Mono<CloudEvent> stamp(CloudEvent event) {
        return Mono.deferContextual(context -> {
            try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
                Span span = tracer.currentSpan();
                if (span == null) {
                    return Mono.just(event);
                }
                Map<String, String> carrier = new HashMap<>();
                propagator.inject(span.context(), carrier, Map::put);
                return Mono.just(event.withTrace(carrier.get(TRACEPARENT), carrier.get(TRACESTATE)));
            }
        });
    }

    /** The relay's send of one event, observed in the event's trace. */
    public <T> Mono<T> sending(PendingEvent event, Mono<T> send) {
        return Mono.defer(() -> {
            Observation observation = Observation.createNotStarted(SEND,
                            () -> continuing(event.traceparent(), event.tracestate()), observations)
                    .contextualName("send " + event.topic())
                    .lowCardinalityKeyValue("topic", event.topic())
                    .start();
            return send.doOnError(observation::error).doFinally(signal -> observation.stop());
        });
    }

    /**
     * A consumer's handling of one event, on the listener's thread, observed in the event's trace; the
     * reactive work it blocks on sees the observation in its context, so the events it records and the
     * lines it logs belong to the same trace.
     */
    public <T> T consuming(String consumer, CloudEvent event, Mono<T> work, Duration timeout) {
        return observed(consumer, event, work).block(timeout);
    }

    /** A consumer's handling of one event (of a poll's several, say), observed in the event's trace. */
    public <T> Mono<T> observed(String consumer, CloudEvent event, Mono<T> work) {
        return Mono.defer(() -> {
            Observation observation = Observation.createNotStarted(CONSUME,
                            () -> continuing(event.traceparent(), event.tracestate()), observations)
                    .contextualName("consume " + event.type())
                    .lowCardinalityKeyValue("consumer", consumer)
                    .lowCardinalityKeyValue("event.type", event.type())
                    .start();
            return work.contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation))
                    .doOnError(observation::error)
                    .doFinally(signal -> observation.stop());
        });
    }

    private static ReceiverContext<String[]> continuing(String traceparent, String tracestate) {
        ReceiverContext<String[]> context = new ReceiverContext<>(
                (carrier, key) -> TRACEPARENT.equals(key) ? carrier[0] : TRACESTATE.equals(key) ? carrier[1] : null);
        context.setCarrier(new String[] { traceparent, tracestate });
        return context;
    }
}
