package community.dispatch.member.visits;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * A week of the community's calendar: Monday 00:00 to the next Monday 00:00 in the community's
 * zone, named as an ISO week ({@code 2026-W48}).
 */
public record CommunityWeek(int year, int week, Instant start, Instant end) {

    public static CommunityWeek of(String isoWeek, ZoneId zone) {
        try {
            LocalDate monday = LocalDate.parse(isoWeek + "-1", DateTimeFormatter.ISO_WEEK_DATE);
            return starting(monday, zone);
        }
        catch (DateTimeParseException e) {
            throw new IllegalArgumentException("week must look like 2026-W48, not '" + isoWeek + "'", e);
        }
    }

    public static CommunityWeek containing(Instant instant, ZoneId zone) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        return starting(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), zone);
    }

    private static CommunityWeek starting(LocalDate monday, ZoneId zone) {
        return new CommunityWeek(monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
                monday.atStartOfDay(zone).toInstant(), monday.plusWeeks(1).atStartOfDay(zone).toInstant());
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public String name() {
        return String.format("%d-W%02d", year, week);
    }
}
