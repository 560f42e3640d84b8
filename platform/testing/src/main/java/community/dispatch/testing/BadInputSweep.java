package community.dispatch.testing;

import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriBuilder;

/**
 * Reads a service's OpenAPI document and, for every operation, sends what a careless or hostile client
 * would: malformed JSON, the wrong content type, missing and null fields, wrong types, out-of-range
 * numbers, huge strings and arrays, unknown enum values, unusual Unicode, bad path ids and bad query
 * parameters — each as every caller given. Whatever the input, the answer must not be a 5xx, a refusal
 * must be problem+json, and a JSON answer must be as the document describes it for its status
 * ({@link ResponseContracts}). {@link #run} answers what it did and what broke the rules.
 *
 * <p>Path parameters the sweep does not know are filled with a random UUID (for {@code format: uuid})
 * or {@code "x"}; {@link #plausible} names real values (a category code, a team key) so that calls
 * reach the code behind the lookup.
 */
public final class BadInputSweep {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** Right-to-left override, a NUL, a combining mark, an emoji, a lone surrogate pair half, zero-width joiner. */
    static final String UNUSUAL_UNICODE = "\u202Eevil\u0000 a\u0338 \uD83D\uDE00 \u200D\uFEFF 漢字";

    private static final String HUGE = "x".repeat(100_000);

    /** A refusal says what was wrong; it does not echo a huge input back. */
    private static final int MAX_PROBLEM_BYTES = 16 * 1024;

    private final Map<String, String> plausible = new HashMap<>();

    private final Map<String, MediaType> refusals = new HashMap<>();

    /** A real value for a path or query parameter of this name, e.g. {@code "code" → "household-help"}. */
    public BadInputSweep plausible(String parameter, String value) {
        plausible.put(parameter, value);
        return this;
    }

    /**
     * Operations under this path refuse in another documented format than problem+json — a standard the
     * service speaks that has its own, such as Open311's error lists; their refusals must be of that type, or
     * problem+json where the platform refuses a call before it reaches them (a path the firewall turns away).
     */
    public BadInputSweep refusingAs(String pathPrefix, MediaType mediaType) {
        refusals.put(pathPrefix, mediaType);
        return this;
    }

    private boolean refusesRightly(String path, String contentType) {
        return contentType.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE) || refusals.entrySet().stream()
                .anyMatch(refusal -> path.startsWith(refusal.getKey()) && contentType.startsWith(refusal.getValue().toString()));
    }

    /** What the sweep did: how many operations, how many calls, and the calls that broke the rules. */
    public record Report(int operations, int calls, List<String> findings) {
    }

    /** Sweeps every operation of the service's document as each caller (name → bearer token, null for none). */
    @SuppressWarnings("unchecked")
    public Report run(WebTestClient client, Map<String, String> callers) {
        // Room for whatever comes back: an answer too big to read is reported, not a crash of the sweep.
        WebTestClient web = client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build();
        Map<String, Object> document = web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        ResponseContracts contracts = new ResponseContracts(document);
        OpenApiSchemas schemas = new OpenApiSchemas((Map<String, Object>) ((Map<String, Object>) document.getOrDefault("components", Map.of()))
                .getOrDefault("schemas", Map.of()));
        List<String> findings = new ArrayList<>();
        int operations = 0;
        int calls = 0;
        for (Map.Entry<String, Object> path : ((Map<String, Object>) document.get("paths")).entrySet()) {
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) path.getValue()).entrySet()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                operations++;
                Operation operation = new Operation(HttpMethod.valueOf(entry.getKey().toUpperCase()), path.getKey(),
                        (Map<String, Object>) entry.getValue(), schemas);
                for (Input input : operation.badInputs(plausible)) {
                    for (Map.Entry<String, String> caller : callers.entrySet()) {
                        calls++;
                        Answer result = send(web, operation, input, caller.getValue());
                        int status = result.status().value();
                        String contentType = String.valueOf(result.contentType());
                        int size = result.body() == null ? 0 : result.body().length;
                        if (status >= 500 || (status >= 400 && !refusesRightly(operation.path, contentType))
                                || (status >= 400 && size > MAX_PROBLEM_BYTES)) {
                            findings.add("%s %s, %s, as %s: %d %s %s".formatted(operation.method, operation.path, input.label,
                                    caller.getKey(), status, contentType, abbreviated(result.body())));
                        }
                        else if (!contracts.documents(operation.method.name(), operation.path, status)) {
                            findings.add("%s %s, %s, as %s: %d is not among the operation's documented answers"
                                    .formatted(operation.method, operation.path, input.label, caller.getKey(), status));
                        }
                        else {
                            contracts.violations(operation.method.name(), operation.path, status, contentType, result.body())
                                    .forEach(violation -> findings.add(input.label + ", as " + caller.getKey()
                                            + ", the answer is not as documented: " + violation));
                        }
                    }
                }
            }
        }
        return new Report(operations, calls, findings);
    }

    private static Answer send(WebTestClient web, Operation operation, Input input, String token) {
        Function<UriBuilder, URI> uri = builder -> {
            builder.path(operation.path);
            input.query.forEach(builder::queryParam);
            return builder.build(input.pathValues);
        };
        WebTestClient.RequestBodySpec request = web.method(operation.method).uri(uri).headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        });
        WebTestClient.RequestHeadersSpec<?> withBody = input.body == null ? request
                : request.contentType(input.contentType).bodyValue(input.body);
        return Answer.to(withBody);
    }

    private static String abbreviated(byte[] body) {
        if (body == null) {
            return "";
        }
        String text = new String(body);
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** One call's input: path values, query parameters, and a body with its content type (or none). */
    private record Input(String label, Map<String, Object> pathValues, Map<String, Object> query, Object body,
            MediaType contentType) {

        Input with(String otherLabel, Object otherBody, MediaType otherType) {
            return new Input(otherLabel, pathValues, query, otherBody, otherType);
        }
    }

    private static final class Operation {

        private final HttpMethod method;
        private final String path;
        private final List<Map<String, Object>> parameters;
        private final Map<String, Object> bodySchema;
        private final MediaType bodyType;
        private final OpenApiSchemas schemas;

        @SuppressWarnings("unchecked")
        Operation(HttpMethod method, String path, Map<String, Object> operation, OpenApiSchemas schemas) {
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
}
