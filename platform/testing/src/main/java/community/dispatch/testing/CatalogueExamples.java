package community.dispatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import community.dispatch.events.EventCatalog;
import community.dispatch.events.Topics;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer's side of the message contracts: feeds a service the AsyncAPI catalogue's examples of
 * the events it consumes, as a producer would publish them, and waits until its inbox has processed
 * each one — none may end in the dead-letter topic.
 */
public final class CatalogueExamples {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z]+)}");

    private CatalogueExamples() {
    }

    /** Publishes every example of the types, in order, and waits until the consumer has processed each. */
    public static void feed(KafkaTemplate<String, byte[]> kafka, DatabaseClient database, String consumer, String... types) {
        for (String type : types) {
            String channel = EventCatalog.byName(type).orElseThrow(() -> new IllegalArgumentException("no event type " + type)).topic();
            assertThat(EventContracts.examples(type)).as("the catalogue's examples of " + type).isNotEmpty();
            for (byte[] example : EventContracts.examples(type)) {
                JsonNode event = JSON.readTree(example);
                String id = event.path("id").asString();
                String topic = addressOf(channel, event.path("data"));
                kafka.send(topic, event.path("subject").asString(), example).join();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(database.sql(
                                "SELECT count(*) AS n FROM processed_event WHERE consumer = :consumer AND event_id = :id")
                        .bind("consumer", consumer).bind("id", id).map(row -> row.get("n", Long.class)).one().block())
                        .as("%s processed by %s", type, consumer).isEqualTo(1L));
                assertThat(TopicReader.readAll(Topics.deadLetterOf(topic)))
                        .as("dead letters of %s", topic)
                        .noneMatch(record -> new String(record.value(), StandardCharsets.UTF_8).contains(id));
            }
        }
    }

    /** A channel's address for an event: each {@code {parameter}} is the event's field of that name. */
    private static String addressOf(String channel, JsonNode data) {
        Matcher parameter = PARAMETER.matcher(channel);
        return parameter.replaceAll(found -> Matcher.quoteReplacement(data.path(found.group(1)).asString()));
    }
}
