package community.dispatch.web.problem;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The shape every error body has: RFC 9457 plus a stable {@code code}. */
public final class Problems {

    /** Problem types are URNs: stable names that do not pretend to be web pages. */
    public static final String TYPE_PREFIX = "urn:community-dispatch:problem:";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(titleOf(code));
        problem.setProperty("code", code);
        return problem;
    }

    /**
     * An error raised by web-layer code (not domain code) with its own problem body, e.g. the gateway's
     * 503 for an unreachable service. Headers it needs (Retry-After, WWW-Authenticate) go on
     * {@link ErrorResponseException#getHeaders()}.
     */
    public static ErrorResponseException error(HttpStatusCode status, String code, String detail) {
        return new ErrorResponseException(status, of(status, code, detail), null);
    }

    /** The code a plain HTTP status gets when nothing more specific is known: {@code not-found}, … */
    public static String codeOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 412 -> "precondition-failed";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 503 -> "service-unavailable";
            case 504 -> "gateway-timeout";
            default -> status.is5xxServerError() ? "internal-error" : "http-" + status.value();
        };
    }

    private static String titleOf(String code) {
        String words = code.replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
