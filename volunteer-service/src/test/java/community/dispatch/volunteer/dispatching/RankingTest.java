package community.dispatch.volunteer.dispatching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import community.dispatch.volunteer.dispatching.Ranking.Candidate;

class RankingTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "the preferred team wins over load and hours, 0, 3, 40.0, 1, 0, 0.0, A",
            "then fewer open orders,                       0, 1, 40.0, 0, 0, 80.0, B",
            "then fewer recent hours,                      1, 1, 2.5, 1, 1, 3.0, A",
            "then the member id (a repeatable choice),     0, 0, 0.0, 0, 0, 0.0, A" })
    void ranksAsTheRuleAndFairnessSay(String why, int prefA, int loadA, double hoursA, int prefB, int loadB, double hoursB,
            String first) {
        Candidate a = new Candidate(A, "angel", prefA, loadA, hoursA);
        Candidate b = new Candidate(B, "angel", prefB, loadB, hoursB);

        assertThat(Ranking.rank(List.of(b, a)).get(0).volunteerId()).isEqualTo(first.equals("A") ? A : B);
        assertThat(Ranking.rank(List.of(a, b)).get(0).volunteerId()).isEqualTo(first.equals("A") ? A : B);
    }

    @Test
    void serviceHoursAreRoundedToTheHalfHourAndNeverZero() {
        assertThat(Ranking.serviceHours(Duration.ofMinutes(5))).isEqualTo(0.5);
        assertThat(Ranking.serviceHours(Duration.ofMinutes(44))).isEqualTo(0.5);
        assertThat(Ranking.serviceHours(Duration.ofMinutes(46))).isEqualTo(1.0);
        assertThat(Ranking.serviceHours(Duration.ofMinutes(100))).isEqualTo(1.5);
        assertThat(Ranking.serviceHours(Duration.ofHours(3).plusMinutes(14))).isEqualTo(3.0);
    }
}
