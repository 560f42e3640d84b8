package community.dispatch.volunteer.dispatching.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceHoursTest {

    private static final Instant NINE = Instant.parse("2026-12-06T01:00:00Z");

    @ParameterizedTest(name = "{0} min → {1} h")
    @CsvSource(textBlock = """
            5, 0.5
            44, 0.5
            46, 1.0
            100, 1.5
            194, 3.0
            0, 0.5
            """)
    void areRoundedToTheHalfHourAndNeverZero(long minutes, double hours) {
        assertThat(ServiceHours.of(Duration.ofMinutes(minutes))).isEqualTo(hours);
    }

    /** Work 09:00–13:00 (minutes after nine: 0–240) against spans other orders were credited for. */
    @ParameterizedTest(name = "credited {0} → {1} min left")
    @CsvSource(delimiter = ';', textBlock = """
            -; 240
            0-240; 0
            60-120; 180
            -60-60; 180
            200-300; 200
            60-120 90-150; 150
            30-60 120-180; 150
            0-120 120-240; 0
            """)
    void onlyTimeNoOtherOrderWasCreditedForCounts(String credited, long minutesLeft) {
        List<ServiceHours.Span> spans = credited.equals("-") ? List.of() : Arrays.stream(credited.split(" ")).map(span -> {
            String[] ends = span.split("(?<=\\d)-");
            return new ServiceHours.Span(NINE.plus(Duration.ofMinutes(Long.parseLong(ends[0]))),
                    NINE.plus(Duration.ofMinutes(Long.parseLong(ends[1]))));
        }).toList();
        assertThat(ServiceHours.uncovered(NINE, NINE.plus(Duration.ofHours(4)), spans)).isEqualTo(Duration.ofMinutes(minutesLeft));
    }

    @Test
    void twoOrdersWorkedAtOnceEarnTheTimeOnce() {
        Order first = OrderTest.in(OrderStatus.ACCEPTED).checkIn(NINE).order();
        Order second = OrderTest.in(OrderStatus.ACCEPTED).checkIn(NINE.plus(Duration.ofHours(1))).order();
        Order firstDone = first.checkOut(NINE.plus(Duration.ofHours(3)), null, null, 8).order();

        Order secondDone = second.checkOut(NINE.plus(Duration.ofHours(4)), null, null, 8,
                List.of(new ServiceHours.Span(firstDone.startedAt(), firstDone.completedAt()))).order();

        assertThat(firstDone.hours() + secondDone.hours()).as("09:00–13:00 is four hours, whatever was started").isEqualTo(4.0);
    }
}
