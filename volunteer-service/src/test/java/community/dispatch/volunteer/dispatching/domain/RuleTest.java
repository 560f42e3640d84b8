package community.dispatch.volunteer.dispatching.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


class RuleTest {

    private static final Set<String> TEAMS = Set.of("angel", "weaver");
    private static final Map<String, Integer> TIMEOUTS = Map.of("EMERGENCY", 300, "URGENT", 900, "NORMAL", 3600);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a good rule                   | angel        | nursing=3 | 300  | 5 | DIRECT | ",
            "an unknown team               | angel,ghosts | nursing=3 | 300  | 5 | DIRECT | teams",
            "no team                       |              | nursing=3 | 300  | 5 | DIRECT | teams",
            "an impossible skill level     | angel        | nursing=7 | 300  | 5 | DIRECT | requiredSkills.nursing",
            "a zero timeout                | angel        | nursing=3 | 0    | 5 | DIRECT | timeouts.EMERGENCY",
            "no offers at all              | angel        | nursing=3 | 300  | 0 | DIRECT | maxOffers",
            "an unknown mode               | angel        | nursing=3 | 300  | 5 | RANDOM | mode" })
    void isCheckedBeforeItIsSaved(String why, String teams, String skill, int emergency, int maxOffers, String mode,
            String wrongField) {
        Map<String, Integer> timeouts = Map.of("EMERGENCY", emergency, "URGENT", 900, "NORMAL", 3600);
        String[] parts = skill.split("=");
        Rule rule = new Rule("free-clinic", teams == null ? List.of() : List.of(teams.split(",")),
                Map.of(parts[0], Integer.parseInt(parts[1])), timeouts, maxOffers, mode, List.of("STAFF"), 0);

        List<Map<String, String>> problems = rule.problems(TEAMS);

        if (wrongField == null) {
            assertThat(problems).as(why).isEmpty();
        }
        else {
            assertThat(problems).as(why).extracting(problem -> problem.get("field")).containsExactly(wrongField);
        }
    }

    @Test
    void everyUrgencyNeedsATimeout() {
        Rule rule = new Rule("x", List.of("angel"), Map.of(), Map.of("NORMAL", 60), 3, "POOL", List.of(), 0);

        assertThat(rule.problems(TEAMS)).extracting(problem -> problem.get("field")).containsExactly("timeouts");
        assertThat(TIMEOUTS.keySet()).isEqualTo(Rule.URGENCIES);
    }
}
