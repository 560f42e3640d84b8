package community.dispatch.errors;

import java.time.Duration;
import java.util.Map;

/** Too many attempts: the caller may try again after {@link #retryAfter()} (also told as {@code retryAfterSeconds}). */
public class Throttled extends DomainException {

    private final Duration retryAfter;

    public Throttled(String code, String detail, Duration retryAfter) {
        super(Kind.THROTTLED, code, detail, Map.of("retryAfterSeconds", Math.max(1, retryAfter.toSeconds())));
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
