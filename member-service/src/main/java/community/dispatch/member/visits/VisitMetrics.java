package community.dispatch.member.visits;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Map<String, double[]> byDuty = new ConcurrentHashMap<>();

    VisitMetrics(Visits visits, MeterRegistry meters) {
        this.visits = visits;
        for (String duty : DUTIES) {
            double[] figures = byDuty.computeIfAbsent(duty, d -> new double[3]);
            String tag = duty.toLowerCase(Locale.ROOT).replace('_', '-');
            Gauge.builder("dispatch.visits.week.target", figures, f -> f[0]).tag("duty", tag).baseUnit("households")
                    .description("Households to visit this week, the sum of the members' weekly targets").register(meters);
            Gauge.builder("dispatch.visits.week.visited", figures, f -> f[1]).tag("duty", tag).baseUnit("households")
                    .description("Distinct households visited this week, up to each member's target").register(meters);
            Gauge.builder("dispatch.visits.week.behind", figures, f -> f[2]).tag("duty", tag).baseUnit("members")
                    .description("Members short of their weekly target").register(meters);
        }
    }

    @Override
    protected Disposable begin() {
        return Flux.interval(Duration.ZERO, INTERVAL)
                .onBackpressureDrop()
                .concatMap(tick -> visits.thisWeek().onErrorResume(error -> Mono.empty()), 1)
                .subscribe(this::show);
    }

    void show(Report report) {
        for (String duty : DUTIES) {
            List<Standing> members = report.grids().stream().flatMap(grid -> grid.members().stream())
                    .filter(member -> duty.equals(member.duty())).toList();
            double[] figures = byDuty.get(duty);
            figures[0] = members.stream().mapToInt(Standing::target).sum();
            figures[1] = members.stream().mapToInt(member -> Math.min(member.households(), member.target())).sum();
            figures[2] = members.stream().filter(Standing::behind).count();
        }
    }
}
