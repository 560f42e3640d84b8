package community.dispatch.volunteer.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import community.dispatch.volunteer.dispatching.domain.Asking;
import community.dispatch.volunteer.dispatching.domain.Order;
import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import community.dispatch.volunteer.teams.Availability;

/** The dispatch lab replays a week as production dispatches, repeatably, and its measures mean what they say. */
class DispatchLabTest {

    private static final LabWeek WEEK = WeekGenerator.generate(DispatchLab.SEED, 1);

    @Test
    void aWeekAndItsOutcomeRepeatExactlyFromTheSeed() {
        LabWeek again = WeekGenerator.generate(DispatchLab.SEED, 1);

        assertThat(again).isEqualTo(WEEK);
        assertThat(Measures.of(Simulation.run(again, Scoring.Weights.DEFAULT, Policy.greedy()), taken -> true))
                .isEqualTo(Measures.of(Simulation.run(WEEK, Scoring.Weights.DEFAULT, Policy.greedy()), taken -> true));
        assertThat(WeekGenerator.generate(DispatchLab.SEED + 1, 1).requests()).isNotEqualTo(WEEK.requests());
    }

    @Test
    void theWeekHasTheCommunitysShape() {
        assertThat(WEEK.volunteers()).hasSize(WeekGenerator.VOLUNTEERS);
        // Five weekdays of 40 and a weekend of 48 a day.
        assertThat(WEEK.requests()).hasSize(5 * 40 + 2 * 48);
        assertThat(WEEK.requests()).allMatch(request -> !request.at().isBefore(WEEK.start())
                && request.at().isBefore(WEEK.start().plus(Duration.ofDays(7))));
        assertThat(WEEK.requests().stream().map(LabWeek.Request::compoundCode).distinct()).hasSize(12);
        assertThat(WEEK.requests().stream().map(LabWeek.Request::gridCode).distinct()).hasSize(6);
        assertThat(WEEK.volunteers().stream().flatMap(volunteer -> volunteer.teams().stream()).distinct())
                .containsExactlyInAnyOrder("angel", "weaver", "dawn", "red-steward", "baoliang", "lebei");
        Map<String, Long> byCategory = WEEK.requests().stream()
                .collect(Collectors.groupingBy(LabWeek.Request::categoryCode, Collectors.counting()));
        assertThat(byCategory.keySet()).isEqualTo(WEEK.rules().keySet());
        assertThat(byCategory.get("household-help")).isEqualTo(byCategory.values().stream().max(Long::compare).orElseThrow());
        assertThat(WEEK.requests()).filteredOn(request -> request.categoryCode().equals("straw-burning"))
                .allMatch(request -> request.urgency().equals("EMERGENCY"));
    }

    @Test
    void aChangeOfAWeightChangesWhoIsOffered() {
        Scoring.Weights near = new Scoring.Weights(2, 1, 8, 1, 1, 0.5);
        Scoring.Weights far = new Scoring.Weights(2, 1, 0, 1, 1, 0.5);

        Simulation.Run nearRun = Simulation.run(WEEK, near, Policy.greedy());
        Simulation.Run farRun = Simulation.run(WEEK, far, Policy.greedy());

        assertThat(servedBy(nearRun)).isNotEqualTo(servedBy(farRun));
        assertThat(Measures.of(nearRun, taken -> true).metresWalked())
                .isLessThan(Measures.of(farRun, taken -> true).metresWalked());
    }

    private static Map<UUID, UUID> servedBy(Simulation.Run run) {
        return run.cases().stream().filter(taken -> taken.servedBy().isPresent())
                .collect(Collectors.toMap(taken -> taken.request().id(), taken -> taken.servedBy().orElseThrow().volunteerId()));
    }

    @Test
    void theLabDecidesWithTheClassesProductionDecidesWith() {
        Map<String, JavaClass> classes = new ClassFileImporter().importPackages("community.dispatch.volunteer").stream()
                .collect(Collectors.toMap(JavaClass::getName, Function.identity(), (one, other) -> one));
        Set<String> lab = calls(classes, Simulation.class.getName(), Case.class.getName(), Helper.class.getName(),
                Policy.class.getName(), OptimalBatch.class.getName());
        Set<String> production = calls(classes, "community.dispatch.volunteer.dispatching.Candidates",
                "community.dispatch.volunteer.dispatching.Offering");

        Set<String> decision = Set.of(Asking.class.getName() + ".considers", Asking.class.getName() + ".scored",
                Asking.class.getName() + ".best", Rule.class.getName() + ".exhaustedAfter", Rule.class.getName() + ".timeoutFor");
        assertThat(production).containsAll(decision);
        assertThat(lab).containsAll(decision)
                .contains(Order.class.getName() + ".offer", Order.class.getName() + ".accept", Order.class.getName() + ".decline",
                        Order.class.getName() + ".expire", Order.class.getName() + ".checkIn", Order.class.getName() + ".checkOut",
                        Availability.class.getName() + ".availableAt")
                // Scores come from production's Scoring, through Asking, never computed in the lab.
                .doesNotContain(Scoring.class.getName() + ".points", Scoring.class.getName() + ".score");
    }

    /** The methods the classes (and the classes nested in them) call, as "owner.name". */
    private static Set<String> calls(Map<String, JavaClass> classes, String... owners) {
        return classes.values().stream()
                .filter(type -> List.of(owners).stream().anyMatch(owner -> type.getName().equals(owner)
                        || type.getName().startsWith(owner + "$")))
                .map(JavaClass::getMethodCallsFromSelf).flatMap(Collection::stream)
                .map(JavaMethodCall::getTarget).map(target -> target.getOwner().getName() + "." + target.getName())
                .collect(Collectors.toSet());
    }

    @Test
    void theOptimalBatchFindsTheLargestSumOfScoresWhereGreedyInOrderWouldNot() {
        Rule direct = WEEK.rules().get("household-help");
        Rule pool = WEEK.rules().get("straw-burning");
        Case first = waiting(direct);
        Case second = waiting(direct);
        Case everyone = waiting(pool);
        Case nobody = waiting(direct);
        UUID a = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        UUID b = UUID.fromString("00000000-0000-0000-0000-00000000000b");
        // In arrival order, greedy gives the first a (5) and the second b (1): 6. The optimum is 4 + 4.5.
        Map<Case, List<Scoring.Scored>> able = Map.of(first, List.of(scored(a, 5), scored(b, 4)),
                second, List.of(scored(a, 4.5), scored(b, 1)), everyone, List.of(scored(a, 2), scored(b, 3)), nobody, List.of());

        Map<Case, List<Scoring.Scored>> chosen = new OptimalBatch(Duration.ofSeconds(60))
                .choose(List.of(first, second, everyone, nobody), able::get, Instant.EPOCH);

        assertThat(chosen.get(first)).extracting(Scoring.Scored::volunteerId).containsExactly(b);
        assertThat(chosen.get(second)).extracting(Scoring.Scored::volunteerId).containsExactly(a);
        assertThat(chosen.get(everyone)).extracting(Scoring.Scored::volunteerId).containsExactly(b, a);
        assertThat(chosen.get(nobody)).isEmpty();
    }

    @Test
    void roundRobinTakesTheTeamInTurnWhateverTheScore() {
        Case waits = waiting(WEEK.rules().get("household-help"));
        List<UUID> ids = List.of(UUID.fromString("00000000-0000-0000-0000-000000000001"),
                UUID.fromString("00000000-0000-0000-0000-000000000002"), UUID.fromString("00000000-0000-0000-0000-000000000003"));
        List<Scoring.Scored> able = List.of(scored(ids.get(2), 9), scored(ids.get(0), 1), scored(ids.get(1), 5));
        Policy.Picker roundRobin = ((Policy.OneByOne) Policy.roundRobin()).picker();

        List<UUID> turns = IntStream.range(0, 4)
                .mapToObj(turn -> roundRobin.pick(waits, able, 1).get(0).volunteerId()).toList();

        assertThat(turns).containsExactly(ids.get(0), ids.get(1), ids.get(2), ids.get(0));
    }

    @Test
    void giniAndTheBusiestTenthReadAsTheirDefinitions() {
        assertThat(Measures.gini(new double[] { 4, 4, 4, 4 })).isZero();
        assertThat(Measures.gini(new double[] { 0, 0, 0, 10 })).isCloseTo(0.75, within(1e-9));
        assertThat(Measures.gini(new double[] { 0, 0 })).isZero();
        double[] oneToTen = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        assertThat(Measures.busiestTenth(oneToTen)).isCloseTo(10 / 55.0, within(1e-9));
        assertThat(Measures.percentile(oneToTen, 0.5)).isEqualTo(5);
        assertThat(Measures.percentile(oneToTen, 0.95)).isEqualTo(10);
        assertThat(Measures.percentile(new double[0], 0.5)).isZero();
    }

    private static Case waiting(Rule rule) {
        LabWeek.Request request = WEEK.requests().stream().filter(one -> one.categoryCode().equals(rule.categoryCode()))
                .findFirst().orElseThrow();
        return new Case(request, rule);
    }

    private static Scoring.Scored scored(UUID volunteer, double score) {
        return new Scoring.Scored(volunteer, "red-steward", score, Map.of(), false, 100);
    }
}
