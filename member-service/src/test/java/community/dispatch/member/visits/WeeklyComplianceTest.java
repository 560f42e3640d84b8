package community.dispatch.member.visits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import community.dispatch.member.visits.WeeklyCompliance.Obligation;
import community.dispatch.member.visits.WeeklyCompliance.Report;
import community.dispatch.member.visits.WeeklyCompliance.Standing;
import community.dispatch.member.visits.WeeklyCompliance.Visit;

class WeeklyComplianceTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** 2026-W48 runs from Monday 23 November to Sunday 29 November 2026 in Shanghai. */
    private static final CommunityWeek W48 = CommunityWeek.of("2026-W48", SHANGHAI);

    private final UUID leader = UUID.randomUUID();
    private final UUID gridWorker = UUID.randomUUID();

    @Test
    void aWeekRunsFromMondayMidnightToMondayMidnightInShanghai() {
        assertThat(W48.start()).isEqualTo(Instant.parse("2026-11-22T16:00:00Z"));
        assertThat(W48.end()).isEqualTo(Instant.parse("2026-11-29T16:00:00Z"));
        assertThat(W48.name()).isEqualTo("2026-W48");
        assertThat(CommunityWeek.containing(local(2026, 11, 29, 23, 30), SHANGHAI)).isEqualTo(W48);
        assertThat(CommunityWeek.containing(local(2026, 11, 30, 0, 0), SHANGHAI).name()).isEqualTo("2026-W49");
        assertThat(CommunityWeek.containing(local(2026, 11, 23, 0, 0), SHANGHAI)).isEqualTo(W48);
        assertThat(CommunityWeek.of("2027-W01", SHANGHAI).start()).isEqualTo(local(2027, 1, 4, 0, 0));
        assertThatThrownBy(() -> CommunityWeek.of("last week", SHANGHAI)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVisitAtSunday2330LocalCountsForThatWeekAndMondayMidnightForTheNext() {
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            visits.add(new Visit(leader, UUID.randomUUID(), local(2026, 11, 24, 10, 0)));
        }
        visits.add(new Visit(leader, UUID.randomUUID(), local(2026, 11, 29, 23, 30)));
        visits.add(new Visit(leader, UUID.randomUUID(), local(2026, 11, 30, 0, 0)));
        visits.add(new Visit(leader, UUID.randomUUID(), local(2026, 11, 22, 23, 59)));

        Standing standing = only(WeeklyCompliance.compute(W48, List.of(leadership()), visits));

        assertThat(standing.households()).isEqualTo(10);
        assertThat(standing.behind()).isFalse();
    }

    @Test
    void onlyDistinctHouseholdsCount() {
        UUID household = UUID.randomUUID();
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            visits.add(new Visit(leader, household, local(2026, 11, 25, 9, i)));
        }

        Standing standing = only(WeeklyCompliance.compute(W48, List.of(leadership()), visits));

        assertThat(standing.households()).isEqualTo(1);
        assertThat(standing.behind()).isTrue();
    }

    @Test
    void theReportGroupsByGridAndListsWhoIsBehindFirst() {
        Obligation inGrid = new Obligation(gridWorker, "網格員", "GRID_WORKER", "G01", 5);
        Obligation alsoInGrid = new Obligation(leader, "書記", "LEADERSHIP", "G01", 10);
        Obligation elsewhere = new Obligation(UUID.randomUUID(), "委員", "LEADERSHIP", "G02", 10);
        List<Visit> visits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            visits.add(new Visit(gridWorker, UUID.randomUUID(), local(2026, 11, 26, 15, 0)));
        }

        Report report = WeeklyCompliance.compute(W48, List.of(elsewhere, inGrid, alsoInGrid), visits);

        assertThat(report.grids()).extracting(WeeklyCompliance.GridReport::gridCode).containsExactly("G01", "G02");
        assertThat(report.grids().get(0).members()).extracting(Standing::memberId).containsExactly(leader, gridWorker);
        assertThat(report.grids().get(0).behind()).isEqualTo(1);
        assertThat(report.grids().get(1).behind()).isEqualTo(1);
    }

    private Obligation leadership() {
        return new Obligation(leader, "書記", "LEADERSHIP", "G01", 10);
    }

    private static Standing only(Report report) {
        assertThat(report.grids()).hasSize(1);
        assertThat(report.grids().get(0).members()).hasSize(1);
        return report.grids().get(0).members().get(0);
    }

    private static Instant local(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(SHANGHAI).toInstant();
    }
}
