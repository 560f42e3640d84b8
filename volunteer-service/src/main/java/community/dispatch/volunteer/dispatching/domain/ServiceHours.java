package community.dispatch.volunteer.dispatching.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The time bank's unit (信用時): hours between check-in and check-out. */
public final class ServiceHours {

    /** A span of time already credited to the volunteer (another order's check-in to check-out). */
    public record Span(Instant from, Instant to) {
    }

    private ServiceHours() {
    }

    /** Rounded to the nearest half hour, and never less than half an hour. */
    public static double of(Duration worked) {
        double hours = worked.toMinutes() / 60.0;
        return Math.max(0.5, Math.round(hours * 2) / 2.0);
    }

    /**
     * How much of {@code from}–{@code to} no span already credited covers: one volunteer's hours cannot add up to
     * more than the time that passed, however many orders they had started at once.
     */
    public static Duration uncovered(Instant from, Instant to, List<Span> credited) {
        Duration left = Duration.between(from, to);
        Instant reached = from;
        for (Span span : credited.stream().sorted(Comparator.comparing(Span::from)).toList()) {
            Instant start = span.from().isAfter(reached) ? span.from() : reached;
            Instant end = span.to().isBefore(to) ? span.to() : to;
            if (end.isAfter(start)) {
                left = left.minus(Duration.between(start, end));
                reached = end;
            }
        }
        return left.isNegative() ? Duration.ZERO : left;
    }
}
