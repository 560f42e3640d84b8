package community.dispatch.volunteer.dispatching.domain;

import java.time.Duration;

/** The time bank's unit (信用時): hours between check-in and check-out. */
public final class ServiceHours {

    private ServiceHours() {
    }

    /** Rounded to the nearest half hour, and never less than half an hour. */
    public static double of(Duration worked) {
        double hours = worked.toMinutes() / 60.0;
        return Math.max(0.5, Math.round(hours * 2) / 2.0);
    }
}
