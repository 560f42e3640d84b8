package community.dispatch.kit;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.events.CloudEvent;
import community.dispatch.kit.inbox.EventInbox;
import community.dispatch.errors.DomainException;
import community.dispatch.testing.TestTokensConfiguration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import reactor.core.publisher.Mono;

/** A minimal service built on the kit, the way a domain service uses it. */
@SpringBootApplication
@Import(TestTokensConfiguration.class)
public class KitTestApplication {

    static final String INBOX_TOPIC = "kit-test.inbox";
    static final String CONSUMER = "kit-test-consumer";

    public static void main(String[] args) {
        SpringApplication.run(KitTestApplication.class, args);
    }

    @Bean
    NewTopic inboxTopic() {
        return new NewTopic(INBOX_TOPIC, 2, (short) 1);
    }

    @Bean
    NewTopic inboxDeadLetterTopic() {
        return new NewTopic(INBOX_TOPIC + "-dlt", 2, (short) 1);
    }

    record NewThing(@NotBlank String name, @Min(1) int size) {
    }

    @RestController
    static class Things {

        private final DatabaseClient database;

        Things(DatabaseClient database) {
            this.database = database;
        }

        @GetMapping("/things/{id}")
        Mono<String> thing(@PathVariable String id) {
            if (!id.equals("known")) {
                return Mono.error(DomainException.notFound("thing-not-found", "No thing " + id + "."));
            }
            return Mono.just("known");
        }

        @PostMapping("/things")
        @ResponseStatus(HttpStatus.CREATED)
        Mono<NewThing> create(@Valid @RequestBody NewThing thing) {
            return Mono.just(thing);
        }

        /** Writes one effect per call (keyed by the note's name), slowly, and says how many there are; anyone may write open notes. */
        @PostMapping({ "/notes", "/open-notes" })
        @ResponseStatus(HttpStatus.CREATED)
        Mono<Map<String, Object>> note(@Valid @RequestBody NewThing note) {
            if (note.name().equals("refused")) {
                return Mono.error(DomainException.conflict("refused", "This note is refused."));
            }
            return database.sql("INSERT INTO effect_log (event_id, subject) VALUES (:id, :subject)")
                    .bind("id", UUID.randomUUID().toString()).bind("subject", note.name())
                    .fetch().rowsUpdated()
                    .delayElement(delay(note))
                    .then(database.sql("SELECT count(*) AS n FROM effect_log WHERE subject = :subject")
                            .bind("subject", note.name()).map(row -> row.get("n", Long.class)).one())
                    .map(count -> Map.<String, Object>of("name", note.name(), "effects", count));
        }

        /** Makes a secret shown once (as a new api_key is): the answer is not to be stored. */
        @PostMapping("/secrets")
        Mono<ResponseEntity<Map<String, Object>>> secret(@Valid @RequestBody NewThing thing) {
            String id = UUID.randomUUID().toString();
            return Mono.just(ResponseEntity.created(URI.create("/secrets/" + id)).cacheControl(CacheControl.noStore())
                    .body(Map.of("id", id, "secret", "s3cr3t-" + thing.name())));
        }

        /** Notes named "slow…" take a while, so concurrent retries overlap; the rest answer at once. */
        private static Duration delay(NewThing note) {
            return note.name().startsWith("slow") ? Duration.ofMillis(200) : Duration.ZERO;
        }

        @GetMapping("/boom")
        Mono<String> boom() {
            return Mono.error(new IllegalStateException("secret internals"));
        }

        @GetMapping("/admin-only")
        @PreAuthorize("hasRole('ADMIN')")
        Mono<String> adminOnly() {
            return Mono.just("hello admin");
        }
    }

    /** Records each event it acts on; an event whose data says {@code "fail": true} always fails. */
    @org.springframework.stereotype.Component
    static class EffectLog {

        /** Deliveries of each record (by its offset), by key. */
        final Map<String, ConcurrentSkipListMap<Long, AtomicInteger>> deliveriesByKey = new ConcurrentHashMap<>();
        private final EventInbox inbox;
        private final DatabaseClient database;

        EffectLog(EventInbox inbox, DatabaseClient database) {
            this.inbox = inbox;
            this.database = database;
        }

        /** A batch listener, as the services' are: a poll's records in one transaction, one by one when that fails. */
        @KafkaListener(id = "kit-test-listener", topics = INBOX_TOPIC, groupId = "kit-test", batch = "true")
        void on(List<ConsumerRecord<String, byte[]>> records) {
            records.forEach(record -> deliveriesByKey.computeIfAbsent(String.valueOf(record.key()), key -> new ConcurrentSkipListMap<>())
                    .computeIfAbsent(record.offset(), offset -> new AtomicInteger()).incrementAndGet());
            inbox.processAll(CONSUMER, records, event -> false, this::apply);
        }

        private Mono<Void> apply(CloudEvent event) {
            return record(event.id(), event.subject())
                    .then(event.data() != null && event.data().path("fail").asBoolean(false)
                            ? Mono.error(new IllegalStateException("this event always fails"))
                            : Mono.empty());
        }

        /** An effect: a row, in the caller's transaction. */
        Mono<Void> record(String eventId, String subject) {
            return database.sql("INSERT INTO effect_log (event_id, subject) VALUES (:id, :subject)")
                    .bind("id", eventId)
                    .bind("subject", subject)
                    .fetch()
                    .rowsUpdated()
                    .then();
        }

        /** Deliveries of the key's records, all together. */
        int deliveriesOf(String key) {
            ConcurrentSkipListMap<Long, AtomicInteger> byOffset = deliveriesByKey.get(key);
            return byOffset == null ? 0 : byOffset.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        /** Deliveries of the first record sent with the key (a poll may bring later ones along each time). */
        int deliveriesOfFirst(String key) {
            ConcurrentSkipListMap<Long, AtomicInteger> byOffset = deliveriesByKey.get(key);
            return byOffset == null ? 0 : byOffset.firstEntry().getValue().get();
        }

        Mono<Long> effectsOf(String eventId) {
            return database.sql("SELECT count(*) AS n FROM effect_log WHERE event_id = :id")
                    .bind("id", eventId)
                    .map(row -> row.get("n", Long.class))
                    .one();
        }
    }
}
