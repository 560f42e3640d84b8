package community.dispatch.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

import community.dispatch.events.CloudEvent;
import reactor.core.publisher.Mono;

/** Publishes outbox events as structured-mode CloudEvents, keyed by aggregate id. */
public class KafkaEventPublisher implements EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration timeout;

    public KafkaEventPublisher(KafkaTemplate<String, byte[]> kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    @Override
    public Mono<Void> publish(PendingEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
        record.headers().add("content-type", CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return Mono.fromFuture(() -> kafka.send(record)).timeout(timeout).then();
    }
}
