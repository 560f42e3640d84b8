package community.dispatch.volunteer.dispatching.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceHoursTest {

    @ParameterizedTest(name = "{0} min → {1} h")
    @CsvSource({ "5, 0.5", "44, 0.5", "46, 1.0", "100, 1.5", "194, 3.0", "0, 0.5" })
    void areRoundedToTheHalfHourAndNeverZero(long minutes, double hours) {
        assertThat(ServiceHours.of(Duration.ofMinutes(minutes))).isEqualTo(hours);
    }
}
