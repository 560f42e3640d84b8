package community.dispatch.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * One operation of a service's OpenAPI document as {@link BadInputSweep} sweeps it: its path and query parameters and
 * its body, and the inputs a careless or hostile client would send it — one valid, then each parameter and each body
 * property broken in turn.
 */
final class SweptOperation {

    /** Right-to-left override, a NUL, a combining mark, an emoji, a lone surrogate pair half, zero-width joiner. */
    private static final String UNUSUAL_UNICODE = "\u202Eevil\u0000 a\u0338 \uD83D\uDE00 \u200D\uFEFF 漢字";

    private static final String HUGE = "x".repeat(100_000);

    /** One call's input: path values, query parameters, and a body with its content type (or none). */
    record Input(String label, Map<String, Object> pathValues, Map<String, Object> query, Object body,
            MediaType contentType) {

        Input with(String otherLabel, Object otherBody, MediaType otherType) {
            return new Input(otherLabel, pathValues, query, otherBody, otherType);
        }
    }

    private final HttpMethod method;
    private final String path;
    private final List<Map<String, Object>> parameters;
    private final Map<String, Object> bodySchema;
    private final MediaType bodyType;
    private final OpenApiSchemas schemas;

    @SuppressWarnings("unchecked")
    SweptOperation(HttpMethod method, String path, Map<String, Object> operation, OpenApiSchemas schemas) {
        this.method = method;
        this.path = path;
        this.schemas = schemas;
        this.parameters = (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of());
        Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) operation.getOrDefault("requestBody", Map.of()))
                .get("content");
        if (content != null && content.containsKey(MediaType.APPLICATION_JSON_VALUE)) {
            this.bodyType = MediaType.APPLICATION_JSON;
            this.bodySchema = schemas.resolve((Map<String, Object>) ((Map<String, Object>) content.get(MediaType.APPLICATION_JSON_VALUE))
                    .get("schema"));
        }
        else if (content != null && content.containsKey(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
            this.bodyType = MediaType.APPLICATION_FORM_URLENCODED;
            this.bodySchema = null;
        }
        else {
            this.bodyType = null;
            this.bodySchema = null;
        }
    }

    HttpMethod method() {
        return method;
    }

    String path() {
        return path;
    }

    @SuppressWarnings("unchecked")
    List<Input> badInputs(Map<String, String> plausible) {
        Map<String, Object> pathValues = new LinkedHashMap<>();
        Map<String, Object> query = new LinkedHashMap<>();
        for (Map<String, Object> parameter : parameters) {
            String name = (String) parameter.get("name");
            Map<String, Object> schema = schemas.resolve((Map<String, Object>) parameter.get("schema"));
            String value = plausible.containsKey(name) ? plausible.get(name) : String.valueOf(schemas.example(schema));
            if ("path".equals(parameter.get("in"))) {
                pathValues.put(name, value);
            }
            else if ("query".equals(parameter.get("in")) && Boolean.TRUE.equals(parameter.get("required"))) {
                query.put(name, value);
            }
        }
        Object validBody = bodySchema == null ? null : schemas.example(bodySchema);
        Input base = new Input("valid", pathValues, query, bodyType == MediaType.APPLICATION_FORM_URLENCODED ? "grant_type=x" : validBody,
                bodyType);
        List<Input> inputs = new ArrayList<>();
        inputs.add(base);
        for (Map<String, Object> parameter : parameters) {
            String name = (String) parameter.get("name");
            Map<String, Object> schema = schemas.resolve((Map<String, Object>) parameter.get("schema"));
            if ("path".equals(parameter.get("in"))) {
                for (String bad : List.of("not-an-id", "0", "9".repeat(400), UNUSUAL_UNICODE)) {
                    Map<String, Object> values = new LinkedHashMap<>(pathValues);
                    values.put(name, bad);
                    inputs.add(new Input("path " + name + "=" + label(bad), values, query, base.body, bodyType));
                }
            }
            else if ("query".equals(parameter.get("in"))) {
                for (Object bad : badScalars(schema)) {
                    Map<String, Object> values = new LinkedHashMap<>(query);
                    values.put(name, bad);
                    inputs.add(new Input("query " + name + "=" + label(bad), pathValues, values, base.body, bodyType));
                }
            }
        }
        if (bodyType == MediaType.APPLICATION_FORM_URLENCODED) {
            inputs.add(base.with("form: empty", "", MediaType.APPLICATION_FORM_URLENCODED));
            inputs.add(base.with("form: unusual unicode", "grant_type=" + UNUSUAL_UNICODE, MediaType.APPLICATION_FORM_URLENCODED));
            inputs.add(base.with("body: JSON instead of a form", "{}", MediaType.APPLICATION_JSON));
        }
        if (bodyType == MediaType.APPLICATION_JSON) {
            inputs.add(base.with("body: malformed JSON", "{\"unfinished\": ", MediaType.APPLICATION_JSON));
            inputs.add(base.with("body: text/plain", "hello", MediaType.TEXT_PLAIN));
            inputs.add(base.with("body: JSON null", "null", MediaType.APPLICATION_JSON));
            inputs.add(base.with("body: an array", "[]", MediaType.APPLICATION_JSON));
            inputs.add(base.with("body: a number", "42", MediaType.APPLICATION_JSON));
            if (validBody instanceof Map<?, ?> valid) {
                inputs.add(base.with("body: empty object", Map.of(), MediaType.APPLICATION_JSON));
                inputs.add(base.with("body: unknown fields only", Map.of("unexpected", UNUSUAL_UNICODE), MediaType.APPLICATION_JSON));
                Map<String, Object> properties = (Map<String, Object>) bodySchema.getOrDefault("properties", Map.of());
                properties.forEach((property, raw) -> {
                    Map<String, Object> schema = schemas.resolve((Map<String, Object>) raw);
                    for (Map.Entry<String, Object> bad : badValues(schema).entrySet()) {
                        Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) valid);
                        body.put(property, bad.getValue());
                        inputs.add(base.with("body " + property + ": " + bad.getKey(), body, MediaType.APPLICATION_JSON));
                    }
                });
            }
        }
        return inputs;
    }

    /** Values of the wrong type, out of range, too big or strange, for a property of this schema. */
    private Map<String, Object> badValues(Map<String, Object> schema) {
        Map<String, Object> bad = new LinkedHashMap<>();
        String type = OpenApiSchemas.type(schema);
        bad.put("null", null);
        bad.put("wrong type", "string".equals(type) ? Map.of("nested", List.of(1, 2)) : "not-a-" + type);
        if ("string".equals(type)) {
            bad.put("huge", HUGE);
            bad.put("unusual unicode", UNUSUAL_UNICODE);
            bad.put("empty", "");
            if (schema.containsKey("enum")) {
                bad.put("unknown enum value", "NOT_A_VALUE");
            }
        }
        if ("integer".equals(type) || "number".equals(type)) {
            bad.put("too large", new BigInteger("99999999999999999999999999"));
            bad.put("negative", -1);
            bad.put("fraction", 0.25);
        }
        if ("array".equals(type)) {
            Object item = schemas.example(schemas.resolve(OpenApiSchemas.map(schema.get("items"))));
            bad.put("huge array", Collections.nCopies(5_000, item));
            bad.put("array of nulls", Arrays.asList(null, null));
        }
        if ("object".equals(type)) {
            bad.put("an array", List.of(1));
        }
        return bad;
    }

    private static List<Object> badScalars(Map<String, Object> schema) {
        List<Object> bad = new ArrayList<>(List.of("", "not-a-value", -1, "99999999999999999999", UNUSUAL_UNICODE));
        if (schema.containsKey("enum")) {
            bad.add("NOT_A_VALUE");
        }
        return bad;
    }

    private static String label(Object value) {
        String text = String.valueOf(value);
        return text.length() > 20 ? text.substring(0, 20) + "…(" + text.length() + ")" : text;
    }
}
