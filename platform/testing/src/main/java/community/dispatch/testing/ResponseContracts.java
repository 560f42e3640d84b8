package community.dispatch.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's OpenAPI document as a checker of its answers: a JSON answer is held against the schema the
 * document gives for that operation and status (JSON Schema 2020-12, as OpenAPI 3.1 says), so a field
 * of another type, an enum value the document does not list, or a null where none is allowed is caught.
 */
public final class ResponseContracts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Set<Integer> GENERIC = Set.of(405, 406, 413, 415);

    private final JsonNode document;

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Map<String, Schema> schemas = new HashMap<>();

    public ResponseContracts(Map<String, Object> document) {
        this.document = JSON.valueToTree(document);
    }

    /**
     * Whether the document lists this status for the operation. Statuses any operation can meet from the
     * HTTP layer itself (405, 406, 413, 415) are not listed per operation.
     */
    public boolean documents(String method, String path, int status) {
        return GENERIC.contains(status) || !document.path("paths").path(path).path(method.toLowerCase()).path("responses")
                .path(Integer.toString(status)).isMissingNode();
    }

    /**
     * What is wrong with a JSON answer of the documented operation ({@code "GET"}, {@code "/api/v1/requests/{id}"})
     * and status; empty when it is as documented, or when the document gives no JSON schema for it.
     */
    public List<String> violations(String method, String path, int status, String contentType, byte[] body) {
        if (body == null || body.length == 0 || contentType == null || !contentType.contains("json")) {
            return List.of();
        }
        JsonNode content = document.path("paths").path(path).path(method.toLowerCase()).path("responses")
                .path(Integer.toString(status)).path("content");
        JsonNode exact = content.path(contentType.split(";")[0].trim());
        JsonNode media = exact.isMissingNode() ? content.path("application/json") : exact;
        if (media.path("schema").isMissingNode()) {
            return List.of();
        }
        Schema schema = schemas.computeIfAbsent(method + " " + path + " " + status + " " + contentType, key -> {
            // The operation's schema with the document's schemas beside it, so '#/components/schemas/…' resolves.
            ObjectNode root = ((ObjectNode) media.path("schema")).deepCopy();
            root.putObject("components").set("schemas", document.path("components").path("schemas"));
            return registry.getSchema(root);
        });
        List<Error> errors = schema.validate(JSON.readTree(body));
        return errors.stream().map(error -> method + " " + path + " " + status + ": " + error.toString()).toList();
    }
}
