package community.dispatch.member.visits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import community.dispatch.member.visits.WeeklyCompliance.GridReport;
import community.dispatch.member.visits.WeeklyCompliance.Report;
import community.dispatch.member.visits.WeeklyCompliance.Standing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class VisitMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void thisWeeksVisitsAgainstTheQuotasByDutyCountingNoMemberBeyondTheirTarget() {
        VisitMetrics metrics = new VisitMetrics(null, meters);
        metrics.show(new Report("2026-W49", Instant.EPOCH, Instant.EPOCH, List.of(
                new GridReport("G01", List.of(standing("LEADERSHIP", 12, 10), standing("GRID_WORKER", 2, 5)), 1),
                new GridReport("G02", List.of(standing("GRID_WORKER", 5, 5), standing("LEADERSHIP", 4, 10)), 1))));

        assertThat(gauge("dispatch.visits.week.target", "leadership")).isEqualTo(20);
        assertThat(gauge("dispatch.visits.week.visited", "leadership")).as("12 count as the 10 asked").isEqualTo(14);
        assertThat(gauge("dispatch.visits.week.behind", "leadership")).isEqualTo(1);
        assertThat(gauge("dispatch.visits.week.target", "grid-worker")).isEqualTo(10);
        assertThat(gauge("dispatch.visits.week.visited", "grid-worker")).isEqualTo(7);
        assertThat(gauge("dispatch.visits.week.behind", "grid-worker")).isEqualTo(1);
    }

    private double gauge(String name, String duty) {
        return meters.get(name).tag("duty", duty).gauge().value();
    }

    private static Standing standing(String duty, int households, int target) {
        return new Standing(UUID.randomUUID(), "someone", duty, households, target, households < target);
    }
}
