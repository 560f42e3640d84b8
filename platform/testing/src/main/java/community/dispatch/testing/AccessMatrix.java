package community.dispatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Who may call what, as a table: for every operation of a service's OpenAPI document, the answer
 * each of eight callers gets. {@link #verify} reads the document the running service serves, fails
 * for an operation without a row (a new endpoint needs its access rule written down) or a row
 * without an operation, then makes every call and compares the status. Refusals (401, 403) must be
 * problem+json.
 *
 * <p>A row's call is built per caller, so an operation that changes state acts on an object of its
 * own each time (the fixture makes one) and the callers do not disturb one another.
 */
public final class AccessMatrix {

    /** The columns, in the order {@link Row#expect} takes them. */
    public enum Caller {
        ANONYMOUS, RESIDENT_A, RESIDENT_B, VOLUNTEER, OTHER_TEAM_LEADER, OTHER_GRID_WORKER, STAFF, ADMIN
    }

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private final Map<String, Row> rows = new LinkedHashMap<>();

    /** The row of an operation as the document names it, e.g. {@code "GET /api/v1/requests/{id}"}. */
    public Row operation(String operation) {
        Row row = new Row(operation);
        if (rows.putIfAbsent(operation, row) != null) {
            throw new IllegalArgumentException("Two rows for " + operation);
        }
        return row;
    }

    /** Checks the table against the document, then every cell against the service. */
    public void verify(WebTestClient web, Map<Caller, String> tokens) {
        Map<String, Object> document = web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        ResponseContracts contracts = new ResponseContracts(document);
        Set<String> documented = documentedOperations(document);
        Set<String> unlisted = new TreeSet<>(documented);
        unlisted.removeAll(rows.keySet());
        assertThat(unlisted).as("operations without an access rule in the matrix").isEmpty();
        Set<String> undocumented = new TreeSet<>(rows.keySet());
        undocumented.removeAll(documented);
        assertThat(undocumented).as("matrix rows for operations the document does not have").isEmpty();

        List<String> wrong = new ArrayList<>();
        rows.values().forEach(row -> {
            assertThat(row.expected).as("expected answers of " + row.operation).isNotNull();
            for (Caller caller : Caller.values()) {
                Call call = row.call.apply(caller);
                Answer result = exchange(web, call, tokens.get(caller));
                int status = result.status().value();
                int expected = row.expected.get(caller);
                String contentType = String.valueOf(result.contentType());
                if (status != expected) {
                    wrong.add("%s as %s (%s %s): expected %d, got %d %s".formatted(row.operation, caller, call.method(), call.uri(),
                            expected, status, result.body() == null ? "" : new String(result.body())));
                }
                else if ((status == 401 || status == 403) && !contentType.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
                    wrong.add("%s as %s: %d as %s, not problem+json".formatted(row.operation, caller, status, contentType));
                }
                else {
                    String[] methodAndPath = row.operation.split(" ", 2);
                    if (!contracts.documents(methodAndPath[0], methodAndPath[1], status)) {
                        wrong.add("%s as %s: %d is not among the operation's documented answers".formatted(row.operation, caller, status));
                    }
                    contracts.violations(methodAndPath[0], methodAndPath[1], status, contentType, result.body())
                            .forEach(violation -> wrong.add("as " + caller + ", the answer is not as documented: " + violation));
                }
            }
        });
        assertThat(wrong).as("answers that differ from the access matrix").isEmpty();
    }

    private static Answer exchange(WebTestClient web, Call call, String token) {
        WebTestClient.RequestBodySpec request = web.method(call.method()).uri(call.uri()).headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
            call.headers().forEach(headers::set);
        });
        WebTestClient.RequestHeadersSpec<?> withBody;
        if (call.body() instanceof MultiValueMap<?, ?> form) {
            @SuppressWarnings("unchecked")
            MultiValueMap<String, String> fields = (MultiValueMap<String, String>) form;
            withBody = request.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(fields));
        }
        else if (call.body() != null) {
            withBody = request.contentType(MediaType.APPLICATION_JSON).bodyValue(call.body());
        }
        else {
            withBody = request;
        }
        return Answer.to(withBody);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> documentedOperations(Map<String, Object> document) {
        Set<String> operations = new TreeSet<>();
        ((Map<String, Object>) document.get("paths")).forEach((path, item) -> ((Map<String, Object>) item).keySet().stream()
                .filter(METHODS::contains).forEach(method -> operations.add(method.toUpperCase() + " " + path)));
        return operations;
    }

    /** One operation's line of the table. */
    public static final class Row {

        private final String operation;

        private Function<Caller, Call> call;

        private Map<Caller, Integer> expected;

        private Row(String operation) {
            this.operation = operation;
            String[] methodAndPath = operation.split(" ", 2);
            HttpMethod method = HttpMethod.valueOf(methodAndPath[0]);
            this.call = caller -> new Call(method, methodAndPath[1], null, Map.of());
        }

        /** The call every caller makes; by default the documented path as it stands, without a body. */
        public Row call(Function<Caller, Call> perCaller) {
            this.call = perCaller;
            return this;
        }

        /** The same call, whoever makes it (for operations that change nothing or only the caller's own data). */
        public Row call(Call same) {
            return call(caller -> same);
        }

        /**
         * The status each caller gets, in {@link Caller}'s order: anonymous, resident A, resident B,
         * volunteer, leader of another team, grid worker of another grid, staff, admin.
         */
        public Row expect(int... statuses) {
            if (statuses.length != Caller.values().length) {
                throw new IllegalArgumentException(operation + ": " + statuses.length + " answers for " + Caller.values().length + " callers");
            }
            expected = new EnumMap<>(Caller.class);
            for (Caller caller : Caller.values()) {
                expected.put(caller, statuses[caller.ordinal()]);
            }
            return this;
        }

        @Override
        public String toString() {
            return operation + " " + Arrays.toString(expected == null ? null : expected.values().toArray());
        }
    }

    /** A concrete call: method, URI (with query), body (JSON value, or form fields) and extra headers. */
    public record Call(HttpMethod method, String uri, Object body, Map<String, String> headers) {

        public static Call get(String uri) {
            return new Call(HttpMethod.GET, uri, null, Map.of());
        }

        public static Call post(String uri, Object body) {
            return new Call(HttpMethod.POST, uri, body, Map.of());
        }

        public static Call put(String uri, Object body) {
            return new Call(HttpMethod.PUT, uri, body, Map.of());
        }

        public static Call patch(String uri, Object body) {
            return new Call(HttpMethod.PATCH, uri, body, Map.of());
        }

        public static Call delete(String uri) {
            return new Call(HttpMethod.DELETE, uri, null, Map.of());
        }

        /** Form fields, sent as {@code application/x-www-form-urlencoded}. */
        public static MultiValueMap<String, String> form(String... namesAndValues) {
            MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                fields.add(namesAndValues[i], namesAndValues[i + 1]);
            }
            return fields;
        }

        public Call withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Call(method, uri, body, more);
        }

        /** With the headers {@code set} sets, e.g. {@link FromTheGateway#client}'s. */
        public Call withHeaders(Consumer<HttpHeaders> set) {
            HttpHeaders more = new HttpHeaders();
            set.accept(more);
            Call call = this;
            for (String name : more.headerNames()) {
                call = call.withHeader(name, more.getFirst(name));
            }
            return call;
        }
    }
}
