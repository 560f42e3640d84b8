package community.dispatch.kit.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.EventCodec;
import community.dispatch.events.MalformedEventException;
import community.dispatch.kit.tracing.EventTracing;
import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * The idempotent-consumer guard. A consumer's effect and the row that says "consumer X has processed
 * event Y" commit in one transaction, so a redelivered event (after a rebalance, a crash or a
 * duplicate publish) finds the row and has no second effect.
 *
 * <p>Called from a {@code @KafkaListener} method: it returns when the effect has committed, so the
 * listener container commits the offset only afterwards, and a partition's records are handled one
 * after the other, in order. A record that is not a CloudEvent throws {@link
 * community.dispatch.events.MalformedEventException}, which the error handler sends straight to the
 * dead-letter topic; an effect that fails is retried a bounded number of times, then dead-lettered.
 */
@RequiredArgsConstructor
public class EventInbox {

    private static final Logger log = LoggerFactory.getLogger(EventInbox.class);

    private final InboxStore store;
    private final TransactionalOperator transactions;
    private final EventCodec codec;
    private final EventTracing tracing;
    private final Duration effectTimeout;

    /** The handling of one consumer, by event type; see {@link EventHandlers}. */
    public EventHandlers consumer(String consumer) {
        return new EventHandlers(consumer, this, codec);
    }

    /**
     * Decodes the record and applies the effect once per consumer and event id.
     *
     * @return whether the effect ran (false for an event this consumer had already processed)
     */
    public boolean process(String consumer, ConsumerRecord<String, byte[]> record,
            Function<CloudEvent, Mono<Void>> effect) {
        return process(consumer, codec.read(headers(record), record.value()), effect);
    }

    /** {@link #process(String, ConsumerRecord, Function)} for an event already decoded from its record. */
    public boolean process(String consumer, CloudEvent event, Function<CloudEvent, Mono<Void>> effect) {
        // The listener thread is Kafka's own polling thread, never an event loop: waiting here is what
        // keeps the offset commit behind the effect and a partition's events in order.
        Boolean applied = tracing.consuming(consumer, event, processOnce(consumer, event, effect), effectTimeout);
        return Boolean.TRUE.equals(applied);
    }

    /**
     * The records of one poll, in order, each acting once per consumer and event id — all in one transaction, so a
     * poll of many events costs one commit ({@code passesOver} names the events with no effect here, which cost
     * nothing). When that transaction fails, the records go one by one, each in its own, so one that keeps failing
     * is told apart: a {@link BatchListenerFailedException} names it once those before it have committed, and the
     * error handler retries, then dead-letters, that record alone. A record that is not a CloudEvent is named the
     * same way, and goes to the dead-letter topic at once.
     */
    public void processAll(String consumer, List<ConsumerRecord<String, byte[]>> records, Predicate<CloudEvent> passesOver,
            Function<CloudEvent, Mono<Void>> effect) {
        List<CloudEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(codec.read(headers(record), record.value()));
            }
            catch (MalformedEventException malformed) {
                applyAll(consumer, records, events, passesOver, effect);
                throw new BatchListenerFailedException(malformed.getMessage(), malformed, record);
            }
        }
        applyAll(consumer, records, events, passesOver, effect);
    }

    /** The decoded events (the first of the records), together; or one by one once together failed. */
    private void applyAll(String consumer, List<ConsumerRecord<String, byte[]>> records, List<CloudEvent> events,
            Predicate<CloudEvent> passesOver, Function<CloudEvent, Mono<Void>> effect) {
        List<CloudEvent> guarded = events.stream().filter(passesOver.negate()).toList();
        if (guarded.size() > 1) {
            try {
                transactions.transactional(Flux.fromIterable(guarded)
                                .concatMap(event -> tracing.observed(consumer, event, once(consumer, event, effect)))
                                .then())
                        .block(effectTimeout);
                return;
            }
            catch (RuntimeException together) {
                log.info("Consumer {} failed on a poll of {} events together ({}); handling them one by one", consumer,
                        guarded.size(), together.toString());
            }
        }
        for (int n = 0; n < events.size(); n++) {
            CloudEvent event = events.get(n);
            if (passesOver.test(event)) {
                continue;
            }
            try {
                process(consumer, event, effect);
            }
            catch (RuntimeException failed) {
                throw new BatchListenerFailedException("Consumer " + consumer + " failed on event " + event.id(), failed,
                        records.get(n));
            }
        }
    }

    /** The reactive core: first time for (consumer, event id) → effect; otherwise nothing. */
    public Mono<Boolean> processOnce(String consumer, CloudEvent event, Function<CloudEvent, Mono<Void>> effect) {
        return transactions.transactional(once(consumer, event, effect));
    }

    /** {@link #processOnce} in the caller's transaction. */
    private Mono<Boolean> once(String consumer, CloudEvent event, Function<CloudEvent, Mono<Void>> effect) {
        return store.markProcessed(consumer, event.id(), event.type())
                .flatMap(first -> {
                    if (!first) {
                        return Logged.line(() -> log.info("Consumer {} already processed event {} ({}); skipping", consumer,
                                event.id(), event.type())).thenReturn(false);
                    }
                    return effect.apply(event).thenReturn(true);
                });
    }

    /** A record's headers by name, as the codec reads them (binary-mode CloudEvents carry their attributes there). */
    public static Map<String, byte[]> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }
}
