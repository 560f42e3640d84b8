package community.dispatch.member.visits;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

import org.springframework.stereotype.Component;

import community.dispatch.kit.timers.BackgroundWork;
import community.dispatch.member.visits.WeeklyCompliance.Report;
import community.dispatch.member.visits.WeeklyCompliance.Standing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * This week's visits against the weekly quotas, by duty (leadership team, grid workers), read every
 * five minutes: {@code dispatch.visits.week.target} households to visit, {@code dispatch.visits.week.visited}
 * distinct households visited (up to each member's target), {@code dispatch.visits.week.behind} members short.
 */
@Component
class VisitMetrics extends BackgroundWork {

    private static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final List<String> DUTIES = List.of("LEADERSHIP", "GRID_WORKER");

    private final Visits visits;
    /** The last week read, by duty; the gauges read it from the scraper's thread. */
    private final AtomicReference<Map<String, Figures>> latest = new AtomicReference<>(Map.of());

    /** One duty's figures for the week. */
    record Figures(int target, int visited, long behind) {
    }

    VisitMetrics(Visits visits, MeterRegistry meters) {
        this.visits = visits;
        for (String duty : DUTIES) {
            String tag = duty.toLowerCase(Locale.ROOT).replace('_', '-');
            gauge("dispatch.visits.week.target", duty, Figures::target).tag("duty", tag).baseUnit("households")
                    .description("Households to visit this week, the sum of the members' weekly targets").register(meters);
            gauge("dispatch.visits.week.visited", duty, Figures::visited).tag("duty", tag).baseUnit("households")
                    .description("Distinct households visited this week, up to each member's target").register(meters);
            gauge("dispatch.visits.week.behind", duty, Figures::behind).tag("duty", tag).baseUnit("members")
                    .description("Members short of their weekly target").register(meters);
        }
    }

    private Gauge.Builder<?> gauge(String name, String duty, ToDoubleFunction<Figures> figure) {
        return Gauge.builder(name, latest, last -> {
            Figures figures = last.get().get(duty);
            return figures == null ? 0 : figure.applyAsDouble(figures);
        });
    }

    @Override
    protected Disposable begin() {
        return Flux.interval(Duration.ZERO, INTERVAL)
                .onBackpressureDrop()
                .concatMap(tick -> visits.thisWeek().onErrorResume(error -> Mono.empty()), 1)
                .subscribe(this::show);
    }

    void show(Report report) {
        Map<String, Figures> byDuty = new HashMap<>();
        for (String duty : DUTIES) {
            List<Standing> members = report.grids().stream().flatMap(grid -> grid.members().stream())
                    .filter(member -> duty.equals(member.duty())).toList();
            byDuty.put(duty, new Figures(members.stream().mapToInt(Standing::target).sum(),
                    members.stream().mapToInt(member -> Math.min(member.households(), member.target())).sum(),
                    members.stream().filter(Standing::behind).count()));
        }
        latest.set(Map.copyOf(byDuty));
    }
}
