package community.dispatch.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
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
                SweptOperation operation = new SweptOperation(HttpMethod.valueOf(entry.getKey().toUpperCase()), path.getKey(),
                        (Map<String, Object>) entry.getValue(), schemas);
                for (SweptOperation.Input input : operation.badInputs(plausible)) {
                    for (Map.Entry<String, String> caller : callers.entrySet()) {
                        calls++;
                        Answer result = send(web, operation, input, caller.getValue());
                        int status = result.status().value();
                        String contentType = String.valueOf(result.contentType());
                        int size = result.body() == null ? 0 : result.body().length;
                        if (status >= 500 || (status >= 400 && !refusesRightly(operation.path(), contentType))
                                || (status >= 400 && size > MAX_PROBLEM_BYTES)) {
                            findings.add("%s %s, %s, as %s: %d %s %s".formatted(operation.method(), operation.path(), input.label(),
                                    caller.getKey(), status, contentType, abbreviated(result.body())));
                        }
                        else if (!contracts.documents(operation.method().name(), operation.path(), status)) {
                            findings.add("%s %s, %s, as %s: %d is not among the operation's documented answers"
                                    .formatted(operation.method(), operation.path(), input.label(), caller.getKey(), status));
                        }
                        else {
                            contracts.violations(operation.method().name(), operation.path(), status, contentType, result.body())
                                    .forEach(violation -> findings.add(input.label() + ", as " + caller.getKey()
                                            + ", the answer is not as documented: " + violation));
                        }
                    }
                }
            }
        }
        return new Report(operations, calls, findings);
    }

    private static Answer send(WebTestClient web, SweptOperation operation, SweptOperation.Input input, String token) {
        Function<UriBuilder, URI> uri = builder -> {
            builder.path(operation.path());
            input.query().forEach(builder::queryParam);
            return builder.build(input.pathValues());
        };
        WebTestClient.RequestBodySpec request = web.method(operation.method()).uri(uri).headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        });
        WebTestClient.RequestHeadersSpec<?> withBody = input.body() == null ? request
                : request.contentType(input.contentType()).bodyValue(input.body());
        return Answer.to(withBody);
    }

    private static String abbreviated(byte[] body) {
        if (body == null) {
            return "";
        }
        String text = new String(body);
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
