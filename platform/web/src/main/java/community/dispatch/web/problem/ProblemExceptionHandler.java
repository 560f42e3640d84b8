package community.dispatch.web.problem;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;

import community.dispatch.errors.DomainException;
import community.dispatch.errors.Throttled;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import lombok.RequiredArgsConstructor;

/**
 * Turns every exception a request can end in into an RFC 9457 problem: domain refusals (each
 * {@link DomainException.Kind} has one status, decided here), errors the web layer raises with a
 * problem body of its own ({@link Problems#error}), Spring's own
 * errors (404 for an unknown path, 405, 406, 415, bad input, validation) and, as a 500 that reveals
 * nothing, anything unexpected. Runs before Boot's default error handler.
 */
@RequiredArgsConstructor
public class ProblemExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    static final int MAX_ERRORS = 20;

    private final ProblemResponses responses;

    @Override
    public int getOrder() {
        return -3;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ProblemDetail problem = capped(toProblem(error));
        if (error instanceof ErrorResponse errorResponse) {
            copyAdvisoryHeaders(errorResponse.getHeaders(), exchange.getResponse().getHeaders());
        }
        if (error instanceof DomainException domain && domain.kind() == DomainException.Kind.UNAUTHENTICATED) {
            // Wrong credentials presented in the request itself (a client's id and secret): the challenge
            // says how to present them. A missing or bad bearer token never gets here; security answers it.
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"community-dispatch\"");
        }
        if (error instanceof Throttled throttled) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, throttled.retryAfter().toSeconds())));
        }
        Mono<Void> logged = problem.getStatus() == HttpStatus.INTERNAL_SERVER_ERROR.value()
                ? Logged.line(() -> log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), error))
                : Mono.empty();
        return logged.then(responses.write(exchange, problem));
    }

    private ProblemDetail toProblem(Throwable error) {
        if (error instanceof DomainException domain) {
            ProblemDetail problem = Problems.of(statusOf(domain.kind()), domain.code(), domain.getMessage());
            domain.properties().forEach(problem::setProperty);
            return problem;
        }
        if (error instanceof ErrorResponse response && response.getBody().getProperties() != null
                && response.getBody().getProperties().containsKey("code")) {
            return response.getBody();
        }
        if (error instanceof WebExchangeBindException invalid) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation-failed",
                    "The request has invalid fields.");
            problem.setProperty("errors", invalid.getFieldErrors().stream().map(ProblemExceptionHandler::fieldError).toList());
            return problem;
        }
        if (error instanceof ConstraintViolationException invalid) {
            return invalidParameters(invalid.getConstraintViolations().stream()
                    .map(violation -> parameterError(lastNode(violation.getPropertyPath()), violation.getMessage())).toList());
        }
        if (error instanceof HandlerMethodValidationException invalid) {
            return invalidParameters(invalid.getParameterValidationResults().stream()
                    .flatMap(result -> result.getResolvableErrors().stream().map(message -> parameterError(
                            String.valueOf(result.getMethodParameter().getParameterName()), message.getDefaultMessage())))
                    .toList());
        }
        if (isTooLarge(error)) {
            return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "The request body is larger than this service reads.");
        }
        if (error instanceof ServerWebInputException input) {
            return Problems.of(HttpStatus.BAD_REQUEST, "bad-request", inputDetail(input));
        }
        if (error instanceof ErrorResponse response && response.getStatusCode().value() == 404) {
            // Spring's own wording ("No static resource …") describes its internals, not the API.
            return Problems.of(HttpStatus.NOT_FOUND, "not-found", "There is nothing at this path.");
        }
        if (error instanceof ErrorResponse response) {
            ProblemDetail body = response.getBody();
            String detail = body.getDetail() != null ? body.getDetail() : HttpStatus.valueOf(body.getStatus()).getReasonPhrase();
            return Problems.of(response.getStatusCode(), Problems.codeOf(response.getStatusCode()), detail);
        }
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side; it has been logged.");
    }

    /**
     * A problem lists at most {@value #MAX_ERRORS} errors, and says how many more there were
     * ({@code moreErrors}): a body of thousands of bad items gets a short answer, not an echo of itself.
     */
    static ProblemDetail capped(ProblemDetail problem) {
        if (problem.getProperties() != null && problem.getProperties().get("errors") instanceof List<?> errors
                && errors.size() > MAX_ERRORS) {
            problem.setProperty("errors", List.copyOf(errors.subList(0, MAX_ERRORS)));
            problem.setProperty("moreErrors", errors.size() - MAX_ERRORS);
        }
        return problem;
    }

    /** The one place a domain refusal becomes an HTTP status. */
    static HttpStatus statusOf(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case STALE -> HttpStatus.PRECONDITION_FAILED;
            case THROTTLED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** A reader (a codec, a filter) stopped at its limit: the body is too large, whoever read it. */
    private static boolean isTooLarge(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataBufferLimitException) {
                return true;
            }
        }
        return false;
    }

    /** Says what was wrong with the input, in the JSON parser's words when it was the body. */
    private static String inputDetail(ServerWebInputException input) {
        for (Throwable cause = input; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                return "The body could not be read: " + json.getOriginalMessage();
            }
        }
        String reason = input.getReason();
        return reason == null ? "The request could not be read." : reason;
    }

    /** A query or path parameter out of its bounds ({@code size=500}, {@code page=-1}): 400, naming the parameters. */
    private static ProblemDetail invalidParameters(List<Map<String, Object>> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation-failed", "The request has invalid parameters.");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static Map<String, Object> parameterError(String name, String message) {
        return Map.of("field", name, "message", message == null ? "is invalid" : message);
    }

    private static String lastNode(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return String.valueOf(name);
    }

    private static Map<String, Object> fieldError(FieldError error) {
        return Map.of("field", error.getField(), "message",
                error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage());
    }

    /** Keeps headers the status requires, such as {@code Allow} on a 405. */
    private static void copyAdvisoryHeaders(HttpHeaders from, HttpHeaders to) {
        for (String name : List.of(HttpHeaders.ALLOW, HttpHeaders.ACCEPT, HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE)) {
            List<String> values = from.get(name);
            if (values != null) {
                to.put(name, values);
            }
        }
    }
}
