package community.dispatch.testing;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An OpenAPI document's schemas, for {@link BadInputSweep}: references resolved, and a plausible example of each. */
record OpenApiSchemas(Map<String, Object> components) {

    @SuppressWarnings("unchecked")
    Map<String, Object> resolve(Map<String, Object> schema) {
        if (schema == null) {
            return Map.of();
        }
        Object ref = schema.get("$ref");
        if (ref != null) {
            String name = ref.toString().substring(ref.toString().lastIndexOf('/') + 1);
            return resolve((Map<String, Object>) components.get(name));
        }
        if (schema.get("allOf") instanceof List<?> parts && parts.size() == 1) {
            return resolve((Map<String, Object>) parts.get(0));
        }
        return schema;
    }

    static String type(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            return types.stream().map(String::valueOf).filter(name -> !"null".equals(name)).findFirst().orElse("string");
        }
        if (type == null) {
            return schema.containsKey("properties") ? "object" : "string";
        }
        return type.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** A value the schema accepts: its example, its first enum value, or one made from its type and format. */
    @SuppressWarnings("unchecked")
    Object example(Map<String, Object> raw) {
        Map<String, Object> schema = resolve(raw);
        if (schema.containsKey("example")) {
            return schema.get("example");
        }
        if (schema.get("examples") instanceof List<?> examples && !examples.isEmpty()) {
            return examples.get(0);
        }
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(0);
        }
        String format = String.valueOf(schema.get("format"));
        return switch (type(schema)) {
            case "object" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                map(schema.get("properties")).forEach((name, property) -> object.put(name, example(map(property))));
                yield object;
            }
            case "array" -> List.of(example(map(schema.get("items"))));
            case "integer", "number" -> schema.getOrDefault("minimum", 1);
            case "boolean" -> true;
            default -> switch (format) {
                case "uuid" -> UUID.randomUUID().toString();
                case "date-time" -> OffsetDateTime.now().minusMinutes(1).toString();
                case "date" -> LocalDate.now().toString();
                default -> "x";
            };
        };
    }
}
