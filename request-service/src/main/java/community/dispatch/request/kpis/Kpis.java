package community.dispatch.request.kpis;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Service;

import community.dispatch.kit.time.CommunityCalendar;
import reactor.core.publisher.Mono;

/** The figures staff steer by, over days of the community's calendar. */
@Service
class Kpis {

    private final KpiStore store;
    private final CommunityCalendar calendar;

    Kpis(KpiStore store, CommunityCalendar calendar) {
        this.store = store;
        this.calendar = calendar;
    }

    /** The figures of a period, overall or one row per group. */
    record Report(LocalDate from, LocalDate to, KpiStore.GroupBy groupBy, List<KpiStore.Figures> figures) {
    }

    /** From–to in whole community days (default: this month). */
    Mono<Report> report(LocalDate from, LocalDate to, KpiStore.GroupBy groupBy) {
        CommunityCalendar.Days days = calendar.days(from, to);
        return store.between(days.start(), days.end(), groupBy)
                .map(figures -> new Report(days.first(), days.last(), groupBy, figures));
    }
}
