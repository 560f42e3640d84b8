package community.dispatch.request.open311;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.util.MultiValueMap;

import community.dispatch.request.requests.domain.Status;

/** A GeoReport search's parameters, read as the spec says and refused in its terms ({@link Open311Exception}). */
final class Open311Query {

    static final Duration LONGEST_SPAN = Duration.ofDays(90);

    private Open311Query() {
    }

    /** The search's span: the spec's defaults (the last 90 days) and limit (at most 90 days). */
    static Instant[] span(MultiValueMap<String, String> query, Instant now) {
        Instant start = dateTime(query, "start_date");
        Instant end = dateTime(query, "end_date");
        if (end == null) {
            end = start == null ? now : start.plus(LONGEST_SPAN);
        }
        if (start == null) {
            start = end.minus(LONGEST_SPAN);
        }
        if (start.isAfter(end)) {
            throw Open311Exception.badRequest("start_date must not be after end_date");
        }
        if (Duration.between(start, end).compareTo(LONGEST_SPAN) > 0) {
            throw Open311Exception.badRequest("start_date and end_date may be at most 90 days apart");
        }
        return new Instant[] { start, end };
    }

    static List<Status> statuses(String asked) {
        if (asked == null || asked.isBlank()) {
            return null;
        }
        List<Status> statuses = new ArrayList<>();
        for (String each : asked.split(",")) {
            switch (each.trim().toLowerCase()) {
                case "open" -> Set.of(Status.values()).stream().filter(s -> !Status.DONE.contains(s)).forEach(statuses::add);
                case "closed" -> statuses.addAll(Status.DONE);
                default -> throw Open311Exception.badRequest("status must be open or closed (or both, comma-separated)");
            }
        }
        return statuses;
    }

    static Instant dateTime(MultiValueMap<String, String> query, String name) {
        String value = Open311Input.blankToNull(query.getFirst(name));
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        }
        catch (DateTimeParseException e) {
            throw Open311Exception.badRequest(name + " must be a W3C date-time with offset, e.g. 2026-12-01T00:00:00+08:00");
        }
    }

    static int number(MultiValueMap<String, String> query, String name, int otherwise, int min, int max) {
        String value = Open311Input.blankToNull(query.getFirst(name));
        if (value == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // answered below
        }
        throw Open311Exception.badRequest(name + " must be a whole number from " + min + " to " + max);
    }
}
