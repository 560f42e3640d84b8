package community.dispatch.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.DomainEvent;
import community.dispatch.events.EventCodec;
import community.dispatch.events.Topics;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.events.request.RequestUpdated;
import community.dispatch.kit.inbox.EventInbox;
import community.dispatch.kit.outbox.EventPublisher;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.kit.outbox.OutboxProperties;
import community.dispatch.kit.outbox.OutboxRelay;
import community.dispatch.kit.outbox.OutboxStore;
import community.dispatch.kit.retention.Retention;
import community.dispatch.kit.retention.RetentionProperties;
import community.dispatch.kit.retention.RetentionRule;
import community.dispatch.kit.timers.WakeUps;
import community.dispatch.kit.tracing.EventTracing;
import community.dispatch.testing.TopicReader;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.Tracer;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

@KitIntegrationTest
class OutboxIT {

    @Autowired
    Retention retention;

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxStore store;
    @Autowired
    EventPublisher publisher;
    @Autowired
    TransactionalOperator transactions;
    @Autowired
    OutboxProperties properties;
    @Autowired
    DatabaseClient database;
    @Autowired
    EventCodec codec;
    @Autowired
    EventInbox inbox;
    @Autowired
    WakeUps wakeUps;
    @Autowired
    EventTracing tracing;
    @Autowired
    ObservationRegistry observations;
    @Autowired
    Tracer tracer;

    @Test
    void aCommittedEventIsPublishedExactlyOnceWithItsKeyAndEnvelope() {
        RequestSubmitted submitted = submitted();
        CloudEvent recorded = commit(submitted);

        relay(store, publisher).drain().block();
        relay(store, publisher).drain().block();

        List<ConsumerRecord<String, byte[]>> published = publishedFor(submitted);
        assertThat(published).hasSize(1);
        ConsumerRecord<String, byte[]> record = published.get(0);
        assertThat(record.key()).isEqualTo(submitted.requestId().toString());
        assertThat(header(record, "content-type")).isEqualTo("application/cloudevents+json");
        CloudEvent sent = codec.read(Map.of(), record.value());
        assertThat(sent).isEqualTo(recorded);
        assertThat(sent.source()).hasToString("/kit-test");
        assertThat(codec.data(sent)).isEqualTo(submitted);
        assertThat(pendingCount(submitted)).isZero();
        assertThat(rowCount(submitted)).as("kept in the log, for stream replay").isOne();
    }

    @Test
    void purgingTakesPublishedEventsOutOfTheLogButNeverOneStillToPublish() {
        RequestSubmitted published = submitted();
        commit(published);
        relay(store, publisher).drain().block();
        RequestSubmitted waiting = submitted();
        transactions.transactional(outbox.record(waiting)
                .then(database.sql("UPDATE outbox_pending SET next_attempt_at = now() + interval '1 day' WHERE message_key = :key")
                        .bind("key", waiting.requestId().toString()).fetch().rowsUpdated())).block();

        // The outbox's own rule alone, a week and a day from now: everything published has aged out.
        RetentionRule outboxRule = retention.rules().stream().filter(rule -> rule.table().equals("outbox_event")).findFirst().orElseThrow();
        new Retention(database, new RetentionProperties(Duration.ofMinutes(10), 1000, List.of()), List.of(outboxRule))
                .purge(Instant.now().plus(Duration.ofDays(8)), 1000).block();

        assertThat(rowCount(published)).as("published, then purged").isZero();
        assertThat(rowCount(waiting)).as("still to publish (backing off)").isOne();
        assertThat(pendingCount(waiting)).isOne();
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        RequestSubmitted submitted = submitted();

        StepVerifier.create(transactions.transactional(outbox.record(submitted)
                        .then(Mono.error(new IllegalStateException("the state change failed")))))
                .expectErrorMessage("the state change failed")
                .verify();
        relay(store, publisher).drain().block();

        assertThat(rowCount(submitted)).isZero();
        assertThat(publishedFor(submitted)).isEmpty();
    }

    @Test
    void recordingOutsideATransactionIsRefused() {
        RequestSubmitted submitted = submitted();

        StepVerifier.create(outbox.record(submitted)).expectError(IllegalStateException.class).verify();

        assertThat(rowCount(submitted)).isZero();
    }

    @Test
    void aRelayKilledBetweenSendAndMarkLosesNothingAndTheConsumerActsOnce() {
        RequestSubmitted submitted = submitted();
        commit(submitted);
        OutboxStore diesBeforeMarking = new OutboxStore(database) {
            @Override
            public Mono<Long> markPublished(List<UUID> ids) {
                return Mono.error(new IllegalStateException("relay process killed"));
            }
        };

        StepVerifier.create(relay(diesBeforeMarking, publisher).relayBatch())
                .expectErrorMessage("relay process killed")
                .verify();
        assertThat(pendingCount(submitted)).as("still pending after the crash").isEqualTo(1);
        relay(store, publisher).drain().block();

        List<ConsumerRecord<String, byte[]>> published = publishedFor(submitted);
        assertThat(published).as("sent before the crash and again after it").hasSize(2);
        assertThat(pendingCount(submitted)).isZero();
        List<Boolean> applied = published.stream()
                .map(record -> inbox.processOnce("outbox-it", codec.read(Map.of(), record.value()),
                        event -> database.sql("INSERT INTO effect_log (event_id, subject) VALUES (:id, :subject)")
                                .bind("id", event.id()).bind("subject", event.subject()).then()).block())
                .toList();
        assertThat(applied).containsExactly(true, false);
        String eventId = codec.read(Map.of(), published.get(0).value()).id();
        assertThat(database.sql("SELECT count(*) AS n FROM effect_log WHERE event_id = :id").bind("id", eventId)
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1L);
    }

    @Test
    void eachKeysEventsLeaveInTheOrderRecordedEvenWithTwoRelaysAtOnce() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        IntStream.range(0, 15).forEach(i -> {
            commit(RequestUpdated.changed(first, List.of("step-" + i)));
            commit(RequestUpdated.changed(second, List.of("step-" + i)));
        });

        Mono.when(relay(store, publisher).drain(), relay(store, publisher).drain()).block(Duration.ofSeconds(60));

        List<String> expected = IntStream.range(0, 15).mapToObj(i -> "step-" + i).toList();
        assertThat(stepsPublishedFor(first)).isEqualTo(expected);
        assertThat(stepsPublishedFor(second)).isEqualTo(expected);
    }

    @Test
    void aFailedPublishBacksOffAndHoldsBackTheKeysLaterEvents() {
        UUID requestId = UUID.randomUUID();
        commit(RequestUpdated.changed(requestId, List.of("first")));
        commit(RequestUpdated.changed(requestId, List.of("second")));
        AtomicBoolean brokerDown = new AtomicBoolean(true);
        EventPublisher flaky = event -> brokerDown.getAndSet(false)
                ? Mono.error(new IllegalStateException("broker unreachable"))
                : publisher.publish(event);
        OutboxRelay relay = relay(store, flaky);

        relay.drain().block();

        assertThat(stepsPublishedFor(requestId)).isEmpty();
        Map<String, Object> failed = database.sql("""
                        SELECT attempts, last_error, next_attempt_at > now() AS backing_off
                        FROM outbox_pending WHERE message_key = :key ORDER BY seq LIMIT 1""")
                .bind("key", requestId.toString())
                .fetch().one().block();
        assertThat(failed).containsEntry("attempts", 1).containsEntry("backing_off", true);
        assertThat((String) failed.get("last_error")).contains("broker unreachable");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            relay.drain().block();
            assertThat(stepsPublishedFor(requestId)).containsExactly("first", "second");
        });
    }

    @Test
    void aStartedRelayPublishesOnItsOwn() {
        RequestSubmitted submitted = submitted();
        OutboxRelay relay = relay(store, publisher);
        relay.start();
        try {
            commit(submitted);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(publishedFor(submitted)).hasSize(1));
        }
        finally {
            relay.stop();
        }
        assertThat(relay.isRunning()).isFalse();
    }

    @Test
    void aRecordedEventWakesAnIdleRelayAtOnce() {
        OutboxProperties hourly = new OutboxProperties(true, Duration.ofHours(1), properties.batchSize(),
                properties.sendTimeout(), Duration.ofSeconds(1), Duration.ofSeconds(2), properties.retention());
        OutboxRelay relay = new OutboxRelay(store, publisher, transactions, hourly, wakeUps, new SimpleMeterRegistry());
        relay.start();
        try {
            relay.drain().block(); // whatever was pending; the relay itself now sleeps for an hour
            RequestSubmitted submitted = submitted();
            commit(submitted);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(publishedFor(submitted)).hasSize(1));
        }
        finally {
            relay.stop();
        }
    }

    @Test
    void anEventRecordedInATraceCarriesItThroughKafkaAndItsConsumerWorksInThatTrace() {
        RequestSubmitted submitted = submitted();
        Observation call = Observation.start("outbox-it.call", observations);
        String traceId = traceIdOf(call);
        CloudEvent recorded = transactions.transactional(outbox.record(submitted))
                .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, call)).block();
        call.stop();
        assertThat(recorded.traceparent()).as("the call's trace").matches("00-" + traceId + "-[0-9a-f]{16}-0[01]");

        relay(store, publisher).drain().block();
        CloudEvent sent = codec.read(Map.of(), publishedFor(submitted).get(0).value());
        assertThat(sent.traceparent()).isEqualTo(recorded.traceparent());

        AtomicReference<String> seenByConsumer = new AtomicReference<>();
        tracing.consuming("outbox-it", sent, Mono.deferContextual(context -> {
            try (ContextSnapshot.Scope scope = ContextSnapshotFactory.builder().build().setThreadLocalsFrom(context)) {
                seenByConsumer.set(tracer.currentSpan().context().traceId());
            }
            return Mono.just(true);
        }), Duration.ofSeconds(5));
        assertThat(seenByConsumer).hasValue(traceId);
    }

    @Test
    void theBacklogCountsUnpublishedEventsAndTheAgeOfTheOldest() {
        relay(store, publisher).drain().block(); // what is left waits for a retry that other tests put off
        long before = store.backlog().block().pending();
        commit(submitted());
        commit(submitted());
        OutboxStore.Backlog waiting = store.backlog().block();
        assertThat(waiting.pending()).isEqualTo(before + 2);
        assertThat(waiting.oldestSeconds()).isBetween(0.0, 600.0);
        relay(store, publisher).drain().block();
        assertThat(store.backlog().block().pending()).isLessThanOrEqualTo(before);
    }

    private String traceIdOf(Observation observation) {
        try (Observation.Scope scope = observation.openScope()) {
            return tracer.currentSpan().context().traceId();
        }
    }

    private OutboxRelay relay(OutboxStore store, EventPublisher publisher) {
        OutboxProperties quick = new OutboxProperties(true, Duration.ofMillis(50), properties.batchSize(),
                properties.sendTimeout(), Duration.ofSeconds(1), Duration.ofSeconds(2), properties.retention());
        return new OutboxRelay(store, publisher, transactions, quick, null, new SimpleMeterRegistry());
    }

    private CloudEvent commit(DomainEvent event) {
        return transactions.transactional(outbox.record(event)).block();
    }

    private static RequestSubmitted submitted() {
        return new RequestSubmitted(UUID.randomUUID(), "free-clinic", "NORMAL", "APP", UUID.randomUUID(),
                Instant.parse("2026-11-28T02:00:00Z"), "DISPATCH", "C01", "G01");
    }

    private static List<ConsumerRecord<String, byte[]>> publishedFor(RequestSubmitted submitted) {
        return TopicReader.readAll(Topics.REQUEST_EVENTS).stream()
                .filter(record -> submitted.requestId().toString().equals(record.key()))
                .toList();
    }

    private List<String> stepsPublishedFor(UUID requestId) {
        return TopicReader.readAll(Topics.REQUEST_EVENTS).stream()
                .filter(record -> requestId.toString().equals(record.key()))
                .map(record -> codec.data(codec.read(Map.of(), record.value()), RequestUpdated.class))
                .map(updated -> updated.changedFields().get(0))
                .toList();
    }

    private long rowCount(RequestSubmitted submitted) {
        return database.sql("SELECT count(*) AS n FROM outbox_event WHERE message_key = :key")
                .bind("key", submitted.requestId().toString())
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private long pendingCount(RequestSubmitted submitted) {
        return database.sql("SELECT count(*) AS n FROM outbox_pending WHERE message_key = :key")
                .bind("key", submitted.requestId().toString())
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers.get(name);
    }
}
