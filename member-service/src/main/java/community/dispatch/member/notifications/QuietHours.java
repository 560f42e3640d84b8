package community.dispatch.member.notifications;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The hours a person wants no message, in the community's zone: from {@code from} up to {@code to}, over
 * midnight when {@code to} comes first (22:00–07:00). Equal ends would silence the whole day and are refused.
 */
record QuietHours(LocalTime from, LocalTime to) {

    QuietHours {
        if (from.equals(to)) {
            throw new IllegalArgumentException("quiet hours must end at another time than they start");
        }
    }

    /** When a message due at {@code at} may go: then, or — when that falls in the quiet hours — as they end. */
    Instant release(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean overMidnight = to.isBefore(from);
        boolean quiet = overMidnight ? !time.isBefore(from) || time.isBefore(to) : !time.isBefore(from) && time.isBefore(to);
        if (!quiet) {
            return at;
        }
        ZonedDateTime end = local.with(to).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
