package community.dispatch.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.r2dbc.core.DatabaseClient;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.EventCodec;
import community.dispatch.events.MalformedEventException;
import community.dispatch.events.request.RequestCancelled;
import community.dispatch.events.request.RequestEscalated;
import community.dispatch.kit.inbox.EventHandlers;
import community.dispatch.kit.inbox.EventInbox;
import community.dispatch.testing.TopicReader;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@KitIntegrationTest
class InboxIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    KitTestApplication.EffectLog effects;
    @Autowired
    EventCodec codec;
    @Autowired
    EventInbox inbox;
    @Autowired
    DatabaseClient database;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aRedeliveredEventHasOneEffect() {
        String key = UUID.randomUUID().toString();
        CloudEvent event = event(key, "{}");
        CloudEvent marker = event(key, "{}");

        send(key, codec.toStructured(event));
        send(key, codec.toStructured(event));
        send(key, codec.toStructured(marker));

        // Same key, same partition: once the marker's effect exists, both copies have been handled.
        awaitEffects(marker, 1);
        assertThat(effects.deliveriesOf(key)).isEqualTo(3);
        assertThat(effects.effectsOf(event.id()).block()).isEqualTo(1);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWhileLaterRecordsFlow() {
        String key = UUID.randomUUID().toString();
        CloudEvent after = event(key, "{}");

        send(key, "this is not a CloudEvent".getBytes(StandardCharsets.UTF_8));
        send(key, codec.toStructured(after));

        awaitEffects(after, 1);
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> dead = deadLettersFor(key);
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("this is not a CloudEvent");
            assertThat(new String(dead.get(0).headers().lastHeader("kafka_dlt-exception-cause-fqcn").value(),
                    StandardCharsets.UTF_8)).contains("MalformedEventException");
        });
        assertThat(effects.deliveriesOfFirst(key)).as("a malformed record is not retried").isEqualTo(1);
    }

    @Test
    void anEffectThatKeepsFailingIsRetriedBoundedlyThenDeadLetteredWithoutEffect() {
        String key = UUID.randomUUID().toString();
        CloudEvent failing = event(key, "{\"fail\":true}");
        CloudEvent after = event(key, "{}");

        send(key, codec.toStructured(failing));
        send(key, codec.toStructured(after));

        awaitEffects(after, 1);
        assertThat(effects.effectsOf(failing.id()).block()).as("every failed try rolled back").isZero();
        assertThat(effects.deliveriesOfFirst(key)).as("one try, two retries").isEqualTo(3);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLettersFor(key))
                .extracting(record -> codec.read(java.util.Map.of(), record.value()).id())
                .containsExactly(failing.id()));
    }

    @Test
    void aBinaryModeEventIsAccepted() {
        String key = UUID.randomUUID().toString();
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(KitTestApplication.INBOX_TOPIC, key,
                "{\"ticket\":\"12345-0001\"}".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", bytes("1.0"))
                .add("ce_id", bytes(id))
                .add("ce_source", bytes("/city/12345"))
                .add("ce_type", bytes("community.dispatch.intake.ticket-created.v1"))
                .add("ce_subject", bytes(key))
                .add("content-type", bytes("application/json"));

        kafka.send(record).join();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(effects.effectsOf(id).block()).isEqualTo(1));
    }

    @Test
    void anEventOfATypeTheConsumerDoesNotHandleIsPassedOverLeavingNoRow() {
        List<String> reasons = new CopyOnWriteArrayList<>();
        EventHandlers handlers = inbox.consumer("inbox-it.handlers")
                .on(RequestCancelled.class, cancelled -> Mono.fromRunnable(() -> reasons.add(cancelled.reason())));
        UUID request = UUID.randomUUID();
        CloudEvent escalated = codec.wrap(new RequestEscalated(request, "overdue"), URI.create("/inbox-it"));
        CloudEvent cancelled = codec.wrap(new RequestCancelled(request, "solved it myself"), URI.create("/inbox-it"));

        assertThat(handlers.consume(record(escalated))).as("passed over").isFalse();
        assertThat(handlers.consume(record(cancelled))).as("handled").isTrue();
        assertThat(handlers.consume(record(cancelled))).as("redelivered").isFalse();

        assertThat(reasons).containsExactly("solved it myself");
        assertThat(rowsOf("inbox-it.handlers", escalated.id())).as("nothing to guard: no row").isZero();
        assertThat(rowsOf("inbox-it.handlers", cancelled.id())).isOne();
    }

    @Test
    void aPollsEventsActOnceEachInOneTransaction() {
        List<String> reasons = new CopyOnWriteArrayList<>();
        EventHandlers handlers = inbox.consumer("inbox-it.batch")
                .on(RequestCancelled.class, cancelled -> Mono.fromRunnable(() -> reasons.add(cancelled.reason())));
        List<CloudEvent> poll = List.of(cancelled("one"), codec.wrap(new RequestEscalated(UUID.randomUUID(), "overdue"),
                URI.create("/inbox-it")), cancelled("two"), cancelled("three"));

        handlers.consumeAll(poll.stream().map(this::record).toList());
        handlers.consumeAll(poll.stream().map(this::record).toList()); // redelivered

        assertThat(reasons).containsExactly("one", "two", "three");
        assertThat(database.sql("SELECT count(DISTINCT xmin::text) AS n FROM processed_event WHERE consumer = 'inbox-it.batch'")
                .map(row -> row.get("n", Long.class)).one().block()).as("one commit for the poll").isOne();
        assertThat(rowsOf("inbox-it.batch", poll.get(1).id())).as("passed over").isZero();
    }

    @Test
    void aPollWithAFailingEventCommitsThoseBeforeItAndNamesIt() {
        EventHandlers handlers = inbox.consumer("inbox-it.failing-batch")
                .on(RequestCancelled.class, cancelled -> "fails".equals(cancelled.reason())
                        ? Mono.error(new IllegalStateException("this cancellation always fails"))
                        : effects.record("cancelled " + cancelled.requestId(), cancelled.reason()));
        CloudEvent before = cancelled("before");
        CloudEvent after = cancelled("after");
        List<ConsumerRecord<String, byte[]>> poll = List.of(record(before), record(cancelled("fails")), record(after));

        assertThatThrownBy(() -> handlers.consumeAll(poll)).isInstanceOfSatisfying(BatchListenerFailedException.class,
                failed -> assertThat(failed.getRecord()).as("the failing record, for the error handler").isSameAs(poll.get(1)));

        assertThat(effects.effectsOf("cancelled " + before.subject()).block()).as("the one before committed, once").isOne();
        assertThat(effects.effectsOf("cancelled " + after.subject()).block()).as("the one after waits for the redelivery").isZero();
        CloudEvent beforeThePoison = cancelled("before the poison");
        List<ConsumerRecord<String, byte[]>> poisoned = List.of(record(beforeThePoison),
                new ConsumerRecord<>(KitTestApplication.INBOX_TOPIC, 0, 9L, "poison", bytes("not a CloudEvent")));
        assertThatThrownBy(() -> handlers.consumeAll(poisoned)).isInstanceOfSatisfying(BatchListenerFailedException.class,
                failed -> assertThat(failed).hasCauseInstanceOf(MalformedEventException.class));
        assertThat(effects.effectsOf("cancelled " + beforeThePoison.subject()).block()).as("the record before the poison is handled").isOne();
    }

    private CloudEvent cancelled(String reason) {
        return codec.wrap(new RequestCancelled(UUID.randomUUID(), reason), URI.create("/inbox-it"));
    }

    @Test
    void anEventThatCannotBePassedOverIsStillRefused() {
        EventHandlers welcoming = inbox.consumer("inbox-it.welcoming")
                .on(RequestCancelled.class, cancelled -> Mono.empty());
        EventHandlers refusing = inbox.consumer("inbox-it.refusing")
                .on(RequestCancelled.class, cancelled -> Mono.empty())
                .rejectingOthers("this topic carries cancellations only");
        CloudEvent unknown = event(UUID.randomUUID().toString(), "{}", "community.dispatch.request.teleported.v1");
        CloudEvent escalated = codec.wrap(new RequestEscalated(UUID.randomUUID(), "overdue"), URI.create("/inbox-it"));

        assertThatThrownBy(() -> welcoming.consume(record(unknown))).as("a type not in the catalogue")
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("unknown event type");
        assertThatThrownBy(() -> refusing.consume(record(escalated))).as("a type the topic must not carry")
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("cancellations only");
        assertThat(rowsOf("inbox-it.refusing", escalated.id())).as("rolled back").isZero();
    }

    private CloudEvent event(String subject, String data) {
        return event(subject, data, "community.dispatch.request.updated.v1");
    }

    private CloudEvent event(String subject, String data, String type) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), URI.create("/inbox-it"),
                type, subject, OffsetDateTime.now(), CloudEvent.JSON,
                json.readTree(data), null, null, null);
    }

    private ConsumerRecord<String, byte[]> record(CloudEvent event) {
        return new ConsumerRecord<>(KitTestApplication.INBOX_TOPIC, 0, 0L, event.subject(), codec.toStructured(event));
    }

    private long rowsOf(String consumer, String eventId) {
        return database.sql("SELECT count(*) AS n FROM processed_event WHERE consumer = :consumer AND event_id = :id")
                .bind("consumer", consumer).bind("id", eventId)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private void send(String key, byte[] value) {
        kafka.send(KitTestApplication.INBOX_TOPIC, key, value).join();
    }

    private void awaitEffects(CloudEvent event, long count) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(effects.effectsOf(event.id()).block()).isEqualTo(count));
    }

    private static List<ConsumerRecord<String, byte[]>> deadLettersFor(String key) {
        return TopicReader.readAll(KitTestApplication.INBOX_TOPIC + "-dlt").stream()
                .filter(record -> key.equals(record.key()))
                .toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
