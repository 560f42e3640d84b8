package community.dispatch.request.catalogue;

import java.time.Duration;

/**
 * How soon a request must be dispatched and answered, after the 12345 hotline's norms: EMERGENCY
 * 1 h / 2 h, URGENT 2 h / 24 h, NORMAL 24 h / 7 days, COMPLEX 24 h / 15 days.
 */
public enum Urgency {
    EMERGENCY(Duration.ofHours(1), Duration.ofHours(2)),
    URGENT(Duration.ofHours(2), Duration.ofHours(24)),
    NORMAL(Duration.ofHours(24), Duration.ofDays(7)),
    COMPLEX(Duration.ofHours(24), Duration.ofDays(15));

    private final Duration dispatchWithin;
    private final Duration feedbackWithin;

    Urgency(Duration dispatchWithin, Duration feedbackWithin) {
        this.dispatchWithin = dispatchWithin;
        this.feedbackWithin = feedbackWithin;
    }

    public Duration dispatchWithin() {
        return dispatchWithin;
    }

    public Duration feedbackWithin() {
        return feedbackWithin;
    }
}
