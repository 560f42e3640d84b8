package community.dispatch.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenAPI 3 document and lists what an administrator working from Swagger alone would miss:
 * an operation without a summary, without its error answers, or whose request or response body has
 * no example (neither on the schema nor on every property).
 */
public final class OpenApiCompleteness {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static final Set<String> SELF_EXPLAINING_FORMATS = Set.of("uuid", "date-time", "date");

    private OpenApiCompleteness() {
    }

    @SuppressWarnings("unchecked")
    public static List<String> gaps(Map<String, Object> document) {
        List<String> gaps = new ArrayList<>();
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.getOrDefault("components", Map.of()))
                .getOrDefault("schemas", Map.of());
        Map<String, Object> paths = (Map<String, Object>) document.getOrDefault("paths", Map.of());
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) value;
            String name = method.toUpperCase() + " " + path;
            if (isBlank(operation.get("summary"))) {
                gaps.add(name + ": no summary");
            }
            Map<String, Object> responses = (Map<String, Object>) operation.getOrDefault("responses", Map.of());
            if (responses.keySet().stream().noneMatch(status -> status.startsWith("4"))) {
                gaps.add(name + ": no error response documented");
            }
            Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
            if (body != null) {
                checkContent(name + " request body", (Map<String, Object>) body.get("content"), schemas, gaps);
            }
            responses.forEach((status, response) -> {
                if (status.startsWith("2")) {
                    checkContent(name + " " + status + " response", (Map<String, Object>) ((Map<String, Object>) response).get("content"),
                            schemas, gaps);
                }
            });
        }));
        return gaps;
    }

    @SuppressWarnings("unchecked")
    private static void checkContent(String where, Map<String, Object> content, Map<String, Object> schemas, List<String> gaps) {
        if (content == null) {
            return;
        }
        content.forEach((mediaType, value) -> {
            Map<String, Object> media = (Map<String, Object>) value;
            if (media.containsKey("example") || media.containsKey("examples")) {
                return;
            }
            Map<String, Object> schema = (Map<String, Object>) media.get("schema");
            String missing = missingExample(schema, schemas, new HashSet<>(), "the body");
            if (missing != null) {
                gaps.add(where + " (" + mediaType + "): no example for " + missing);
            }
        });
    }

    /**
     * Where in the schema a value has no example, or null when every part has one. Enumerations,
     * booleans, UUIDs and timestamps count as explained: Swagger UI shows a realistic value for them.
     */
    @SuppressWarnings("unchecked")
    private static String missingExample(Map<String, Object> schema, Map<String, Object> schemas, Set<String> seen, String at) {
        if (schema == null || schema.containsKey("example") || schema.containsKey("examples") || schema.containsKey("enum")
                || "boolean".equals(schema.get("type")) || SELF_EXPLAINING_FORMATS.contains(String.valueOf(schema.get("format")))) {
            return null;
        }
        Object ref = schema.get("$ref");
        if (ref != null) {
            String schemaName = ref.toString().substring(ref.toString().lastIndexOf('/') + 1);
            return seen.add(schemaName) ? missingExample((Map<String, Object>) schemas.get(schemaName), schemas, seen, schemaName) : null;
        }
        if (schema.get("items") instanceof Map<?, ?> items) {
            return missingExample((Map<String, Object>) items, schemas, seen, at + "[]");
        }
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            for (Map.Entry<?, ?> property : properties.entrySet()) {
                String missing = missingExample((Map<String, Object>) property.getValue(), schemas, seen, at + "." + property.getKey());
                if (missing != null) {
                    return missing;
                }
            }
            return null;
        }
        if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
            return missingExample((Map<String, Object>) values, schemas, seen, at + "{}");
        }
        for (String combined : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.get(combined) instanceof List<?> parts) {
                for (Object part : parts) {
                    String missing = missingExample((Map<String, Object>) part, schemas, seen, at);
                    if (missing != null) {
                        return missing;
                    }
                }
                return null;
            }
        }
        return at;
    }

    private static boolean isBlank(Object text) {
        return text == null || text.toString().isBlank();
    }
}
