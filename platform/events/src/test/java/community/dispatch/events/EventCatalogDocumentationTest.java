package community.dispatch.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The AsyncAPI catalogue in this module must describe exactly the events the code knows. */
class EventCatalogDocumentationTest {

    private static Map<String, Object> asyncApi;

    @BeforeAll
    static void read() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("asyncapi.yaml"))) {
            asyncApi = new Yaml().load(reader);
        }
    }

    @Test
    void everyCatalogueTypeIsDocumentedWithItsFieldsAndNothingElse() {
        Map<String, Map<String, Object>> messages = map(map(asyncApi, "components"), "messages");
        Map<String, Map<String, Object>> schemas = map(map(asyncApi, "components"), "schemas");

        Set<String> documented = messages.values().stream().map(message -> (String) message.get("name"))
                .collect(Collectors.toSet());
        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                EventCatalog.ALL.stream().map(EventType::name).toList());

        for (EventType<?> type : EventCatalog.ALL) {
            Map<String, Object> schema = schemas.get(type.dataClass().getSimpleName());
            assertThat(schema).as("schema of %s", type.name()).isNotNull();
            List<String> fields = Arrays.stream(type.dataClass().getRecordComponents()).map(c -> c.getName()).toList();
            assertThat(map(schema, "properties").keySet()).as("fields of %s", type.name())
                    .containsExactlyInAnyOrderElementsOf(fields);
        }
    }

    @Test
    void eachTopicIsAChannelCarryingItsOwnTypes() {
        Map<String, Map<String, Object>> channels = map(asyncApi, "channels");
        Map<String, Map<String, Object>> messages = map(map(asyncApi, "components"), "messages");

        for (Map<String, Object> channel : channels.values()) {
            String topic = (String) channel.get("address");
            Set<String> carried = map(channel, "messages").values().stream()
                    .map(reference -> ((String) ((Map<?, ?>) reference).get("$ref")).replace("#/components/messages/", ""))
                    .map(id -> (String) messages.get(id).get("name"))
                    .collect(Collectors.toSet());
            assertThat(carried).as("types on %s", topic).containsExactlyInAnyOrderElementsOf(EventCatalog.ALL.stream()
                    .filter(type -> type.topic().equals(topic)).map(EventType::name).toList());
        }
        assertThat(channels.values().stream().map(channel -> channel.get("address")))
                .containsExactlyInAnyOrder(Topics.REQUEST_EVENTS, Topics.ORDER_EVENTS, Topics.MEMBER_EVENTS, Topics.INTAKE_CHANNEL);
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Map<String, ?> parent, String key) {
        return (Map<String, V>) parent.get(key);
    }
}
