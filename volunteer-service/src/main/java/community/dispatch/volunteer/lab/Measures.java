package community.dispatch.volunteer.lab;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * How one policy did on a week: for the requests measured, how soon someone accepted, how many within their dispatch
 * deadline, how many nobody took, how far volunteers walked, how often the one who went had the skill wanted, how
 * the week's hours are spread over all the volunteers, and the sum of the scores of who served (with the same weights
 * for every policy) as a share of the optimum's.
 */
public record Measures(@Schema(example = "greedy (production)") String policy, @Schema(example = "280") int requests,
        @Schema(example = "6.5", description = "Minutes from submission to acceptance, median (requests someone accepted)")
        double acceptMinutesP50,
        @Schema(example = "48.0", description = "Minutes from submission to acceptance, 95th percentile") double acceptMinutesP95,
        @Schema(example = "0.91", description = "Share accepted within the urgency's dispatch deadline (1 h, 2 h, 24 h)")
        double slaCompliance,
        @Schema(example = "0.06", description = "Share nobody took") double untaken,
        @Schema(example = "0.0", description = "Offers per request, on average") double offersPerRequest,
        @Schema(example = "760", description = "Metres walked per order served, there and back, on average") double metresWalked,
        @Schema(example = "0.62", description = "Share of orders served by someone with the wanted skill at level 3 or more")
        double skillMatch,
        @Schema(example = "0.55", description = "Gini coefficient of the week's hours over every volunteer (0: all equal)")
        double giniOfHours,
        @Schema(example = "0.48", description = "Gini coefficient of the hours served in the 30 days before the week and in it, over every volunteer: what the fairness component evens out")
        double giniOf30Days,
        @Schema(example = "0.31", description = "Share of the week's hours earned by the busiest tenth of volunteers")
        double busiestTenthShare,
        @Schema(example = "1250.4", description = "Sum of the scores of who served") double score,
        @Schema(example = "0.98", description = "The score as a share of the optimal batch assignment's") double shareOfOptimum) {

    /** The dispatch deadlines of request-service's urgencies (its {@code Urgency}): the 12345 hotline's norms. */
    static final Map<String, Duration> DISPATCH_WITHIN = Map.of("EMERGENCY", Duration.ofHours(1), "URGENT",
            Duration.ofHours(2), "NORMAL", Duration.ofHours(24));

    /** The measures of the run's requests that {@code measured} accepts; the share of optimum is set later. */
    static Measures of(Simulation.Run run, Predicate<Case> measured) {
        List<Case> cases = run.cases().stream().filter(measured).toList();
        double[] minutes = cases.stream().flatMap(taken -> taken.untilAccepted().stream())
                .mapToDouble(duration -> duration.toSeconds() / 60.0).sorted().toArray();
        long inTime = cases.stream().filter(taken -> taken.untilAccepted()
                .filter(duration -> duration.compareTo(DISPATCH_WITHIN.getOrDefault(taken.request().urgency(),
                        DISPATCH_WITHIN.get("NORMAL"))) <= 0).isPresent()).count();
        List<Case> served = cases.stream().filter(taken -> taken.servedBy().isPresent()).toList();
        double metres = served.stream().mapToDouble(taken -> 2.0 * taken.servedBy().orElseThrow().distanceMetres()).average()
                .orElse(0);
        List<Case> wantingSkill = served.stream().filter(taken -> taken.request().skillWanted() != null).toList();
        Map<UUID, LabWeek.Volunteer> volunteers = run.helpers().stream().map(Helper::volunteer)
                .collect(Collectors.toMap(LabWeek.Volunteer::id, Function.identity()));
        long skilled = wantingSkill.stream().filter(taken -> volunteers.get(taken.servedBy().orElseThrow().volunteerId())
                .skills().getOrDefault(taken.request().skillWanted(), 0) >= 3).count();
        double[] hours = run.helpers().stream().mapToDouble(Helper::weekHours).sorted().toArray();
        double[] monthHours = run.helpers().stream().mapToDouble(helper -> helper.volunteer().priorHours() + helper.weekHours())
                .sorted().toArray();
        return new Measures(run.policy(), cases.size(), round(percentile(minutes, 0.5)), round(percentile(minutes, 0.95)),
                share(inTime, cases.size()), share(cases.size() - served.size(), cases.size()),
                round(cases.stream().mapToInt(Case::offersMade).average().orElse(0)), Math.round(metres),
                share(skilled, wantingSkill.size()), share(gini(hours)), share(gini(monthHours)), share(busiestTenth(hours)),
                round(served.stream().mapToDouble(taken -> taken.servedBy().orElseThrow().score()).sum()), 0);
    }

    Measures withShareOf(double optimum) {
        return new Measures(policy, requests, acceptMinutesP50, acceptMinutesP95, slaCompliance, untaken, offersPerRequest,
                metresWalked, skillMatch, giniOfHours, giniOf30Days, busiestTenthShare, score, optimum == 0 ? 0 : share(score / optimum));
    }

    /** The policies' measures as a Markdown table, one row per policy. */
    public static String table(List<Measures> rows) {
        StringBuilder table = new StringBuilder("""
                | policy | requests | accepted after p50 / p95 (min) | within SLA | untaken | offers each | metres walked \
                | skill match | Gini of hours: week / 30 days | busiest 10 %% | score | of optimum |
                |---|---|---|---|---|---|---|---|---|---|---|---|
                """.formatted());
        for (Measures row : rows) {
            table.append(String.format(Locale.ROOT,
                    "| %s | %d | %.1f / %.1f | %.1f %% | %.1f %% | %.1f | %.0f | %.1f %% | %.3f / %.3f | %.1f %% | %.1f | %.1f %% |%n",
                    row.policy, row.requests, row.acceptMinutesP50, row.acceptMinutesP95,
                            100 * row.slaCompliance, 100 * row.untaken, row.offersPerRequest, row.metresWalked,
                            100 * row.skillMatch, row.giniOfHours, row.giniOf30Days, 100 * row.busiestTenthShare, row.score,
                            100 * row.shareOfOptimum));
        }
        return table.toString();
    }

    /** The nearest-rank percentile of sorted values; 0 when there are none. */
    static double percentile(double[] sorted, double fraction) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.ceil(fraction * sorted.length) - 1];
    }

    /** The Gini coefficient of sorted non-negative values: 0 when all are equal (or all zero), towards 1 when one has all. */
    static double gini(double[] sorted) {
        double total = Arrays.stream(sorted).sum();
        if (total == 0) {
            return 0;
        }
        double weighted = 0;
        for (int i = 0; i < sorted.length; i++) {
            weighted += (2.0 * (i + 1) - sorted.length - 1) * sorted[i];
        }
        return weighted / (sorted.length * total);
    }

    /** The share of the total held by the largest tenth of sorted values (at least one value). */
    static double busiestTenth(double[] sorted) {
        double total = Arrays.stream(sorted).sum();
        int top = Math.max(1, (int) Math.round(sorted.length / 10.0));
        return total == 0 ? 0 : Arrays.stream(sorted, sorted.length - top, sorted.length).sum() / total;
    }

    private static double share(double part, double whole) {
        return whole == 0 ? 0 : share(part / whole);
    }

    private static double share(double fraction) {
        return Math.round(fraction * 1000) / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
