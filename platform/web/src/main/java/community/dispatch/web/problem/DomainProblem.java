package community.dispatch.web.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A domain error that answers with a problem+json body: a stable machine-readable {@code code}
 * (which also names the problem {@code type}), an HTTP status and a human-readable detail.
 */
public class DomainProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public DomainProblem(HttpStatus status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public DomainProblem(HttpStatus status, String code, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Adds a response header, e.g. {@code Retry-After} on a 429. */
    public DomainProblem withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    /** Extra members of the problem body, e.g. the current state in a conflict. */
    public Map<String, Object> properties() {
        return properties;
    }
}
