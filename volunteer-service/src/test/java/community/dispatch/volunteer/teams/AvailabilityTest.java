package community.dispatch.volunteer.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import community.dispatch.volunteer.teams.Availability.Leave;
import community.dispatch.volunteer.teams.Availability.Window;

class AvailabilityTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** Weekday mornings, and a Friday night shift from 22:00 to 06:00 Saturday; on leave 1–3 December 2026. */
    private static final Availability VOLUNTEER = new Availability(List.of(
            new Window(DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(12, 0)),
            new Window(DayOfWeek.WEDNESDAY, LocalTime.of(8, 0), LocalTime.of(12, 0)),
            new Window(DayOfWeek.FRIDAY, LocalTime.of(22, 0), LocalTime.of(6, 0))),
            List.of(new Leave(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 3))));

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(textBlock = """
            2026-11-30T08:00, true,  Monday at the start of a window
            2026-11-30T11:59, true,  Monday just before the end
            2026-11-30T12:00, false, Monday at the end: windows end exclusive
            2026-11-30T07:59, false, Monday before the window
            2026-11-27T23:30, true,  Friday night after 22:00
            2026-11-28T05:59, true,  Saturday morning: the Friday shift runs past midnight
            2026-11-28T06:00, false, Saturday at 06:00: the shift is over
            2026-11-27T21:59, false, Friday before the shift
            2026-11-29T05:00, false, Sunday morning: no Saturday shift
            2026-12-02T09:00, false, Wednesday morning but on leave
            2026-12-04T09:00, false, Friday morning: not a window
            """)
    void followsTheWeeklyWindowsAndLeave(String shanghaiTime, boolean available, String why) {
        assertThat(VOLUNTEER.availableAt(LocalDateTime.parse(shanghaiTime).atZone(SHANGHAI).toInstant(), SHANGHAI))
                .as(why).isEqualTo(available);
    }

    @ParameterizedTest
    @CsvSource({ "2026-11-28T03:00", "2026-12-25T15:00" })
    void withoutWindowsAVolunteerIsAlwaysAvailable(String shanghaiTime) {
        assertThat(Availability.always().availableAt(LocalDateTime.parse(shanghaiTime).atZone(SHANGHAI).toInstant(), SHANGHAI))
                .isTrue();
    }

    @ParameterizedTest(name = "{0} to {1}: {2}")
    @CsvSource(textBlock = """
            2026-11-30T14:00, 2026-11-30T17:00, false, Monday afternoon: the window is the morning
            2026-11-30T11:00, 2026-11-30T14:00, true,  Monday late morning into the afternoon: the last hour overlaps
            2026-11-30T12:00, 2026-11-30T12:15, false, Monday from the window's end
            2026-11-27T20:00, 2026-11-27T22:05, true,  Friday evening reaching into the night shift
            2026-12-02T08:00, 2026-12-02T12:00, false, Wednesday morning: the window, but on leave
            2026-11-30T00:00, 2026-12-07T00:00, true,  a whole week: some moment is free
            2026-11-30T09:00, 2026-11-30T09:00, true,  an empty window: its moment
            """)
    void aPreferredWindowFitsWhenSomeMomentOfItIsFree(String from, String to, boolean available, String why) {
        assertThat(VOLUNTEER.availableDuring(LocalDateTime.parse(from).atZone(SHANGHAI).toInstant(),
                LocalDateTime.parse(to).atZone(SHANGHAI).toInstant(), SHANGHAI)).as(why).isEqualTo(available);
    }
}
