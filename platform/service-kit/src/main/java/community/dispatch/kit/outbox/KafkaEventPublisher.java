package community.dispatch.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import community.dispatch.events.CloudEvent;
import community.dispatch.kit.tracing.EventTracing;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import lombok.RequiredArgsConstructor;

/** Publishes outbox events as structured-mode CloudEvents, keyed by aggregate id, each send observed in the event's trace. */
@RequiredArgsConstructor
public class KafkaEventPublisher implements EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration timeout;
    private final EventTracing tracing;

    @Override
    public Mono<Void> publish(PendingEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
        record.headers().add("content-type", CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        // send() may block its caller while it fetches metadata or waits for buffer space: never on an
        // event-loop thread, where the relay's database results arrive.
        return tracing.sending(event,
                Mono.fromFuture(() -> kafka.send(record)).subscribeOn(Schedulers.boundedElastic()).timeout(timeout).then());
    }
}
