package community.dispatch.member.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** When a message due at a moment may go, for quiet hours within a day and over midnight (community time). */
class QuietHoursTest {

    private static final ZoneId HUAIBEI = ZoneId.of("Asia/Shanghai");

    @ParameterizedTest(name = "quiet {0}–{1}: due {2} goes {3}")
    @CsvSource(textBlock = """
            22:00, 07:00, 2026-12-02T21:59, 2026-12-02T21:59
            22:00, 07:00, 2026-12-02T22:00, 2026-12-03T07:00
            22:00, 07:00, 2026-12-02T23:30, 2026-12-03T07:00
            22:00, 07:00, 2026-12-03T03:15, 2026-12-03T07:00
            22:00, 07:00, 2026-12-03T07:00, 2026-12-03T07:00
            22:00, 07:00, 2026-12-03T12:00, 2026-12-03T12:00
            12:30, 14:00, 2026-12-02T12:29, 2026-12-02T12:29
            12:30, 14:00, 2026-12-02T12:30, 2026-12-02T14:00
            12:30, 14:00, 2026-12-02T13:59, 2026-12-02T14:00
            12:30, 14:00, 2026-12-02T14:00, 2026-12-02T14:00
            12:30, 14:00, 2026-12-02T23:00, 2026-12-02T23:00
            """)
    void aMessageDueInTheQuietHoursGoesAsTheyEnd(LocalTime from, LocalTime to, LocalDateTime due, LocalDateTime goes) {
        QuietHours quiet = new QuietHours(from, to);
        assertThat(quiet.release(due.atZone(HUAIBEI).toInstant(), HUAIBEI)).isEqualTo(goes.atZone(HUAIBEI).toInstant());
    }

    @Test
    void quietHoursThatEndAsTheyStartAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new QuietHours(LocalTime.of(22, 0), LocalTime.of(22, 0)));
    }
}
