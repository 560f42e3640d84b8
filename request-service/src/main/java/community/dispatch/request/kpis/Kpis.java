package community.dispatch.request.kpis;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Service;

import community.dispatch.kit.time.CommunityCalendar;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The figures staff steer by, over days of the community's calendar. */
@Service
@RequiredArgsConstructor
class Kpis {

    private final KpiStore store;
    private final CommunityCalendar calendar;

    /** How to split the figures. */
    enum GroupBy {
        NONE, CATEGORY, GRID, TEAM
    }

    /**
     * @param responseRate responded to (offered or assigned) by the dispatch deadline, of all counted requests
     * @param resolutionRate resolved, of all counted requests
     * @param satisfactionRate rated 4 or 5, of the rated ones (null when none was rated)
     * @param slaCompliance resolved by the feedback deadline, of the resolved ones (null when none was)
     */
    record Figures(@Schema(example = "G03", description = "The category, grid or team; absent overall") String key,
            @Schema(example = "48") long requests, @Schema(example = "41") long resolved, @Schema(example = "30") long rated,
            @Schema(example = "0.96") Double responseRate, @Schema(example = "0.85") Double resolutionRate,
            @Schema(example = "0.93") Double satisfactionRate, @Schema(example = "0.9") Double slaCompliance,
            @Schema(example = "0.4") Double medianHoursToDispatch, @Schema(example = "20.5") Double medianHoursToResolve) {
    }

    /** The figures of a period, overall or one row per group. */
    record Report(LocalDate from, LocalDate to, GroupBy groupBy, List<Figures> figures) {
    }

    /** From–to in whole community days (default: this month). */
    Mono<Report> report(LocalDate from, LocalDate to, GroupBy groupBy) {
        CommunityCalendar.Days days = calendar.days(from, to);
        return store.between(days.start(), days.end(), groupBy)
                .map(figures -> new Report(days.first(), days.last(), groupBy, figures));
    }
}
