package community.dispatch.volunteer.lab;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.dispatching.domain.Scoring;

/**
 * The dispatch lab: a generated community week ({@link WeekGenerator}) replayed ({@link Simulation}) under production's
 * greedy dispatch and three baselines — round-robin within the team, the nearest able volunteer, and the optimal
 * assignment per batch window — each measured the same way ({@link Measures}).
 */
public final class DispatchLab {

    /** The seed of the week the README reports, and the API's when none is given. */
    public static final long SEED = 20261207;

    /** The batch window of the optimal baseline. */
    public static final Duration BATCH = Duration.ofSeconds(60);

    private DispatchLab() {
    }

    /** The four policies on the week, measured over the requests {@code measured} accepts; the optimum last. */
    public static List<Measures> compare(LabWeek week, Scoring.Weights weights, Predicate<LabWeek.Request> measured) {
        return measure(runs(week, weights), measured);
    }

    /** The week replayed under each policy, in the order greedy, round-robin, nearest, the optimum. */
    static List<Simulation.Run> runs(LabWeek week, Scoring.Weights weights) {
        return Stream.of(Policy.greedy(), Policy.roundRobin(), Policy.nearest(), new OptimalBatch(BATCH))
                .map(policy -> Simulation.run(week, weights, policy)).toList();
    }

    /** The runs' measures over the requests {@code measured} accepts, each score as a share of the last run's. */
    static List<Measures> measure(List<Simulation.Run> runs, Predicate<LabWeek.Request> measured) {
        List<Measures> rows = runs.stream().map(run -> Measures.of(run, taken -> measured.test(taken.request()))).toList();
        double optimum = rows.get(rows.size() - 1).score();
        return rows.stream().map(row -> row.withShareOf(optimum)).toList();
    }

    /**
     * What a rule would do on the lab's week for the seed: the week with the rule in place of the default, measured
     * over the rule's category's requests.
     */
    public static Trial trial(Rule rule, Scoring.Weights weights, long seed, double busy) {
        LabWeek week = WeekGenerator.generate(seed, busy).withRule(rule);
        return new Trial(rule.categoryCode(), rule.version(), seed, busy, weights,
                compare(week, weights, request -> request.categoryCode().equals(rule.categoryCode())));
    }

    /** A rule tried in the lab: which, on which week, with which weights, and how each policy did. */
    public record Trial(@Schema(example = "free-clinic") String categoryCode, @Schema(example = "3") long ruleVersion,
            @Schema(example = "20261207") long seed, @Schema(example = "1", description = "Times busier than a usual week") double busy,
            Scoring.Weights weights,
            @Schema(description = "Greedy (production), round-robin in team, nearest able, the optimal per batch — in that order")
            List<Measures> policies) {
    }
}
