package community.dispatch.kit.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

import community.dispatch.errors.DomainException;

/** Days as the community counts them: in its zone, by the service's clock. */
public class CommunityCalendar {

    private final ZoneId zone;
    private final CommunityProperties.Area area;
    private final Clock clock;

    public CommunityCalendar(CommunityProperties community, Clock clock) {
        this.zone = community.zone();
        this.area = community.area();
        this.clock = clock;
    }

    /** The community's ground: where coordinates must lie. */
    public CommunityProperties.Area area() {
        return area;
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** Whole days from–to, both included; either end left out means this month's first or last day. */
    public Days days(LocalDate from, LocalDate to) {
        LocalDate today = today();
        LocalDate first = from != null ? from : today.with(TemporalAdjusters.firstDayOfMonth());
        LocalDate last = to != null ? to : today.with(TemporalAdjusters.lastDayOfMonth());
        if (last.isBefore(first)) {
            throw DomainException.invalidField("to", "must not be before from");
        }
        return new Days(first, last, first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** A run of days, and the instants it spans: {@code [start, end)}. */
    public record Days(LocalDate first, LocalDate last, Instant start, Instant end) {
    }
}
