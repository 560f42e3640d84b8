package community.dispatch.kit.inbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.DomainEvent;
import community.dispatch.events.EventCatalog;
import community.dispatch.events.EventCodec;
import community.dispatch.events.MalformedEventException;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * One consumer's handling, by event type: decodes the record's CloudEvent, lets the inbox guard it
 * (each event acts once) and hands the payload to the handler registered for its type. An event of a
 * catalogued type with no handler is passed over before the inbox: it has no effect to repeat, so it
 * costs no transaction and no {@code processed_event} row (most events on a topic are someone else's).
 * A listener is then just its {@code @KafkaListener} method and its handlers.
 *
 * <pre>{@code
 * handlers = inbox.consumer("volunteer-service.request-events")
 *         .on(RequestSubmitted.class, dispatcher::requestSubmitted)
 *         .on(RequestCancelled.class, cancelled -> dispatcher.requestCancelled(cancelled.requestId()));
 * }</pre>
 */
@RequiredArgsConstructor
public final class EventHandlers {

    private final String consumer;
    private final EventInbox inbox;
    private final EventCodec codec;
    private final Map<Class<? extends DomainEvent>, Function<DomainEvent, Mono<Void>>> handlers = new LinkedHashMap<>();
    /** Why an event of no registered type is refused; null while such events are passed over. */
    private String othersRefusedBecause;

    /** Handles events of this type (registered once, at construction). */
    public <T extends DomainEvent> EventHandlers on(Class<T> type, Function<? super T, Mono<Void>> handler) {
        handlers.put(type, event -> handler.apply(type.cast(event)));
        return this;
    }

    /**
     * A topic that carries only the registered types: any other event is malformed and goes to the
     * dead-letter topic, with the reason.
     */
    public EventHandlers rejectingOthers(String why) {
        othersRefusedBecause = why;
        return this;
    }

    /**
     * For the {@code @KafkaListener} method: returns once the effect has committed (or was done before,
     * or the event is passed over); false when nothing was done.
     */
    public boolean consume(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = codec.read(EventInbox.headers(record), record.value());
        return !passesOver(event) && inbox.process(consumer, event, this::handle);
    }

    /**
     * For a batch {@code @KafkaListener} method: the records of one poll, in one transaction where they can be (see
     * {@link EventInbox#processAll}); returns once their effects have committed.
     */
    public void consumeAll(List<ConsumerRecord<String, byte[]>> records) {
        inbox.processAll(consumer, records, this::passesOver, this::handle);
    }

    /** The handling of one decoded event, without Kafka: what a test of the consumer's contract calls. */
    public Mono<Void> handle(CloudEvent event) {
        DomainEvent data = codec.data(event);
        Function<DomainEvent, Mono<Void>> handler = handlers.get(data.getClass());
        if (handler != null) {
            return handler.apply(data);
        }
        return othersRefusedBecause == null ? Mono.empty()
                : Mono.error(new MalformedEventException(data.getClass().getSimpleName() + ": " + othersRefusedBecause));
    }

    /** A catalogued type nobody here handles, on a topic whose other types are welcome: nothing to guard. */
    private boolean passesOver(CloudEvent event) {
        return othersRefusedBecause == null && EventCatalog.byName(event.type())
                .map(type -> !handlers.containsKey(type.dataClass()))
                .orElse(false);
    }
}
