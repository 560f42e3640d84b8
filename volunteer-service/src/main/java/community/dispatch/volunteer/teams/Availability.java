package community.dispatch.volunteer.teams;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import jakarta.validation.constraints.NotNull;

/**
 * When a volunteer can be asked: weekly windows in the community's zone (a window whose end is before
 * its start runs past midnight into the next day), minus leave. No windows at all means any time.
 */
public record Availability(List<Window> weekly, List<Leave> leave) {

    public Availability {
        weekly = weekly == null ? List.of() : List.copyOf(weekly);
        leave = leave == null ? List.of() : List.copyOf(leave);
    }

    public record Window(@NotNull DayOfWeek day, @Schema(type = "string", example = "18:30") @NotNull LocalTime from,
            @Schema(type = "string", example = "21:00", description = "Before from: the window runs past midnight") @NotNull LocalTime to) {
    }

    /** Days off, both ends included. */
    public record Leave(@NotNull LocalDate from, @NotNull LocalDate to) {
    }

    public static Availability always() {
        return new Availability(List.of(), List.of());
    }

    public boolean availableAt(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        LocalDate today = local.toLocalDate();
        if (leave.stream().anyMatch(off -> !today.isBefore(off.from()) && !today.isAfter(off.to()))) {
            return false;
        }
        if (weekly.isEmpty()) {
            return true;
        }
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        return weekly.stream().anyMatch(window -> covers(window, day, time));
    }

    /**
     * Whether the volunteer can be asked at some moment of {@code [from, to)} — looked at every quarter of an
     * hour (at most 200 moments, spaced wider for a long window), so a window that only overlaps theirs counts.
     */
    public boolean availableDuring(Instant from, Instant to, ZoneId zone) {
        if (!to.isAfter(from)) {
            return availableAt(from, zone);
        }
        Duration step = Duration.ofMinutes(15);
        Duration spread = Duration.between(from, to).dividedBy(200);
        Duration every = spread.compareTo(step) > 0 ? spread : step;
        for (Instant moment = from; moment.isBefore(to); moment = moment.plus(every)) {
            if (availableAt(moment, zone)) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(Window window, DayOfWeek day, LocalTime time) {
        boolean overnight = window.to().isBefore(window.from()) || window.to().equals(window.from());
        if (!overnight) {
            return window.day() == day && !time.isBefore(window.from()) && time.isBefore(window.to());
        }
        // From the start to midnight on its day, then from midnight to the end on the next day.
        return (window.day() == day && !time.isBefore(window.from()))
                || (window.day().plus(1) == day && time.isBefore(window.to()));
    }
}
