package community.dispatch.errors;

import java.util.List;
import java.util.Map;

/**
 * A rule of the domain said no. It carries its {@link Kind}, a stable machine-readable {@code code},
 * a human-readable detail and, where useful, extra facts (the current status in a conflict, the fields
 * at fault) — and nothing about HTTP: which answer each kind gets is decided once, by platform/web's
 * problem handler. Services name their frequent refusals as subclasses ({@code IllegalMove},
 * {@code OrderNotFound}, …) and use the factories here for the rest.
 */
public class DomainException extends RuntimeException {

    /** What sort of refusal this is; each kind has exactly one answer at the HTTP edge. */
    public enum Kind {
        /** The input is malformed or breaks a rule about its shape or values. */
        INVALID,
        /** The caller is not signed in, or their credentials are wrong. */
        UNAUTHENTICATED,
        /** The caller's role does not allow this. */
        FORBIDDEN,
        /** There is no such thing — or none the caller may know of. */
        NOT_FOUND,
        /** The thing exists but its state does not allow this now. */
        CONFLICT,
        /** The caller acted on a version that has changed since they read it. */
        STALE,
        /** Too many attempts; try again later. */
        THROTTLED,
        /** Another service this needs did not answer; try again later. Nothing was changed. */
        UNAVAILABLE
    }

    /** The generic code for input that fails validation, as bean validation reports it. */
    public static final String VALIDATION_FAILED = "validation-failed";

    private final Kind kind;
    private final String code;
    private final Map<String, Object> properties;

    public DomainException(Kind kind, String code, String detail, Map<String, ?> properties) {
        super(detail);
        this.kind = kind;
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    public static DomainException invalid(String code, String detail) {
        return new DomainException(Kind.INVALID, code, detail, Map.of());
    }

    public static DomainException invalid(String code, String detail, Map<String, ?> properties) {
        return new DomainException(Kind.INVALID, code, detail, properties);
    }

    /** One field is wrong: {@code validation-failed} with {@code errors: [{field, message}]}, as bean validation says it. */
    public static DomainException invalidField(String field, String message) {
        return invalid(VALIDATION_FAILED, "The request has invalid fields.",
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }

    public static DomainException unauthenticated(String code, String detail, Map<String, ?> properties) {
        return new DomainException(Kind.UNAUTHENTICATED, code, detail, properties);
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(Kind.FORBIDDEN, "forbidden", detail, Map.of());
    }

    public static DomainException notFound(String code, String detail) {
        return new DomainException(Kind.NOT_FOUND, code, detail, Map.of());
    }

    public static DomainException conflict(String code, String detail) {
        return new DomainException(Kind.CONFLICT, code, detail, Map.of());
    }

    public static DomainException conflict(String code, String detail, Map<String, ?> properties) {
        return new DomainException(Kind.CONFLICT, code, detail, properties);
    }

    public static DomainException stale(String code, String detail) {
        return new DomainException(Kind.STALE, code, detail, Map.of());
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** Extra members of the answer, e.g. the current state in a conflict. */
    public Map<String, Object> properties() {
        return properties;
    }
}
