package community.dispatch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The AsyncAPI catalogue ({@code platform/events/asyncapi.yaml}) as a checker: every structured
 * CloudEvent is held against its message's payload schema (the CloudEvents envelope, the type, and the
 * data's JSON Schema). {@link TopicReader} applies it to every event a test reads, so each producer test
 * proves that what the service publishes is what the catalogue promises.
 */
public final class EventContracts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, Schema> BY_TYPE = new HashMap<>();

    private static final Map<String, List<byte[]>> EXAMPLES = new HashMap<>();

    static {
        load();
    }

    private EventContracts() {
    }

    /** Fails when the structured CloudEvent is of a type the catalogue does not have, or breaks its message's schema. */
    public static void assertFulfilled(byte[] structured) {
        JsonNode event = JSON.readTree(structured);
        String type = event.path("type").asString();
        Schema schema = BY_TYPE.get(type);
        if (schema == null) {
            throw new AssertionError("the catalogue has no message of type '" + type + "': " + event);
        }
        List<Error> errors = schema.validate(event);
        if (!errors.isEmpty()) {
            throw new AssertionError("a " + type + " event breaks the catalogue's schema: " + errors + " in " + event);
        }
    }

    /** The catalogue's examples of a message type, as structured CloudEvents: what a consumer's test feeds it. */
    public static List<byte[]> examples(String type) {
        return EXAMPLES.getOrDefault(type, List.of());
    }

    private static void load() {
        try (InputStream catalogue = EventContracts.class.getResourceAsStream("/asyncapi.yaml")) {
            if (catalogue == null) {
                throw new IllegalStateException("asyncapi.yaml is not on the class path (platform/events packs it)");
            }
            JsonNode document = YAMLMapper.builder().build().readTree(catalogue);
            JsonNode components = document.path("components");
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
            components.path("messages").forEach(message -> {
                // The payload with the catalogue's schemas beside it, so '#/components/schemas/…' resolves.
                ObjectNode root = ((ObjectNode) message.path("payload")).deepCopy();
                root.putObject("components").set("schemas", components.path("schemas"));
                String type = message.path("name").asString();
                BY_TYPE.put(type, registry.getSchema(root));
                List<byte[]> examples = new ArrayList<>();
                message.path("examples").forEach(example -> examples.add(JSON.writeValueAsBytes(example.path("payload"))));
                EXAMPLES.put(type, List.copyOf(examples));
            });
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
