package community.dispatch.volunteer.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TeamScopeTest {

    private static final UUID LEADER = UUID.randomUUID();
    private static final UUID VOLUNTEER = UUID.randomUUID();
    private static final TeamScope LEADS_RED_STEWARD = new TeamScope(LEADER, false, Set.of("red-steward"));
    private static final TeamScope STAFF = new TeamScope(UUID.randomUUID(), true, Set.of());
    private static final TeamScope MEMBER = new TeamScope(UUID.randomUUID(), false, Set.of());

    /**
     * from teams, to teams, whether the red-steward leader may make the move: in and out of red-steward only, and into
     * it only a volunteer of no other team.
     */
    @ParameterizedTest(name = "{0} → {1}: {2}")
    @CsvSource(delimiter = ';', textBlock = """
            dawn; dawn red-steward; false
            -; red-steward angel; false
            dawn red-steward; dawn; true
            red-steward; red-steward; false
            dawn; red-steward; false
            dawn; dawn angel; false
            -; red-steward; true
            red-steward; -; true
            """)
    void aLeaderMovesVolunteersInAndOutOfTheirOwnTeamsOnly(String from, String to, boolean allowed) {
        assertThat(LEADS_RED_STEWARD.mayPlace(VOLUNTEER, teams(from), teams(to))).isEqualTo(allowed);
        assertThat(STAFF.mayPlace(VOLUNTEER, teams(from), teams(to))).isTrue();
        assertThat(MEMBER.mayPlace(VOLUNTEER, teams(from), teams(to))).isFalse();
    }

    @Test
    void aLeaderNeverMovesThemself() {
        assertThat(LEADS_RED_STEWARD.mayPlace(LEADER, List.of("red-steward"),
                List.of("angel", "weaver", "dawn", "red-steward", "baoliang", "lebei"))).isFalse();
        assertThat(LEADS_RED_STEWARD.mayPlace(LEADER, List.of("red-steward"), List.of())).isFalse();
    }

    @Test
    void membershipGivesNoPowerOnlyLeadershipDoes() {
        assertThat(LEADS_RED_STEWARD.covers("red-steward")).isTrue();
        assertThat(LEADS_RED_STEWARD.covers("angel")).isFalse();
        assertThat(LEADS_RED_STEWARD.coversVolunteerIn(List.of("angel", "red-steward"))).isTrue();
        assertThat(LEADS_RED_STEWARD.coversVolunteerIn(List.of("angel"))).isFalse();
        assertThat(STAFF.covers("angel")).isTrue();
        assertThat(MEMBER.covers("angel")).isFalse();
    }

    @Test
    void staffAssignAnyoneButThemself() {
        UUID staffMember = UUID.randomUUID();
        TeamScope staff = new TeamScope(staffMember, true, Set.of());
        assertThat(staff.mayAssign(VOLUNTEER, List.of("angel"), "free-clinic", List.of())).isTrue();
        assertThat(staff.mayAssign(staffMember, List.of("angel"), "free-clinic", List.of())).isFalse();
    }

    @Test
    void aRuleIsALeadersToPreviewWhenItNamesATeamTheyLead() {
        assertThat(LEADS_RED_STEWARD.coversAnyOf(List.of("angel", "red-steward"))).isTrue();
        assertThat(LEADS_RED_STEWARD.coversAnyOf(List.of("angel"))).isFalse();
        assertThat(MEMBER.coversAnyOf(List.of("angel"))).isFalse();
        assertThat(STAFF.coversAnyOf(List.of())).isTrue();
    }

    /** volunteer's teams, category, whether the red-steward leader may assign. */
    @ParameterizedTest(name = "{0} for {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            "red-steward; household-help; true",
            "red-steward; childcare; false",
            "lebei; childcare; false",
            "red-steward lebei; study-visit; true" })
    void aLeaderAssignsTheirTeamsCategoriesToTheirTeamsVolunteers(String volunteerTeams, String category, boolean allowed) {
        List<Team> teams = List.of(new Team("red-steward", "红色管家", "紅色管家", "Red Steward", "", "", null, List.of("household-help", "study-visit")),
                new Team("lebei", "乐贝", "樂貝", "Lebei", "", "", null, List.of("childcare")));

        assertThat(LEADS_RED_STEWARD.mayAssign(VOLUNTEER, teams(volunteerTeams), category, teams)).isEqualTo(allowed);
        assertThat(LEADS_RED_STEWARD.mayAssign(LEADER, teams(volunteerTeams), category, teams)).as("never to themself").isFalse();
    }

    private static List<String> teams(String names) {
        return names.equals("-") ? List.of() : Arrays.asList(names.split(" "));
    }
}
