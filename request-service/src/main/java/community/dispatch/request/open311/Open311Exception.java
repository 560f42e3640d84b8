package community.dispatch.request.open311;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A refusal in Open311's terms: an HTTP status and the spec's error list ({@code [{code, description}]}). */
class Open311Exception extends RuntimeException {

    private final HttpStatus status;
    private final List<String> descriptions;

    Open311Exception(HttpStatus status, List<String> descriptions) {
        super(String.join("; ", descriptions));
        this.status = status;
        this.descriptions = List.copyOf(descriptions);
    }

    static Open311Exception badRequest(String description) {
        return new Open311Exception(HttpStatus.BAD_REQUEST, List.of(description));
    }

    static Open311Exception notFound(String description) {
        return new Open311Exception(HttpStatus.NOT_FOUND, List.of(description));
    }

    static Open311Exception forbidden(String description) {
        return new Open311Exception(HttpStatus.FORBIDDEN, List.of(description));
    }

    HttpStatus status() {
        return status;
    }

    List<String> descriptions() {
        return descriptions;
    }
}
