package community.dispatch.volunteer.dispatching.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import community.dispatch.volunteer.dispatching.domain.Scoring.Need;
import community.dispatch.volunteer.dispatching.domain.Scoring.Place;
import community.dispatch.volunteer.dispatching.domain.Scoring.Scored;
import community.dispatch.volunteer.dispatching.domain.Scoring.Volunteer;
import community.dispatch.volunteer.dispatching.domain.Scoring.Weights;

class ScoringTest {

    private static final Weights WEIGHTS = new Weights(2.0, 1.0, 1.5, 1.0, 1.0, 0.5);
    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final Need NURSING_IN_C01 = new Need(List.of("angel", "dawn"), Map.of("nursing", 3), "C01", "G01");

    /** A volunteer in team angel with nursing 3, in C01 of G01, idle, no hours, no ratings — then one difference. */
    private static Volunteer base(UUID id) {
        return new Volunteer(id, List.of("angel"), Map.of("nursing", 3), "C01", "G01", 0, 2, 0, null);
    }

    /** The base volunteer with one thing changed. */
    private static Volunteer with(UUID id, String component, String value) {
        Volunteer v = base(id);
        return switch (component) {
            case "team" -> new Volunteer(id, List.of(value), v.skills(), v.compoundCode(), v.gridCode(), 0, 2, 0, null);
            case "skill" -> new Volunteer(id, v.teams(), Map.of("nursing", Integer.parseInt(value)), "C01", "G01", 0, 2, 0, null);
            case "compound" -> new Volunteer(id, v.teams(), v.skills(), value, "G01", 0, 2, 0, null);
            case "grid" -> new Volunteer(id, v.teams(), v.skills(), "C09", value, 0, 2, 0, null);
            case "load" -> new Volunteer(id, v.teams(), v.skills(), "C01", "G01", Integer.parseInt(value), 2, 0, null);
            case "fairness" -> new Volunteer(id, v.teams(), v.skills(), "C01", "G01", 0, 2, Double.parseDouble(value), null);
            case "rating" -> new Volunteer(id, v.teams(), v.skills(), "C01", "G01", 0, 2, 0, Double.parseDouble(value));
            default -> throw new IllegalArgumentException(component);
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            the rule's first team wins,           team,     angel, dawn
            a higher skill wins,                  skill,    5,     3
            the same compound wins,               compound, C01,   C09
            the same grid beats another grid,     grid,     G01,   G02
            fewer open orders win,                load,     0,     1
            fewer hours served lately win,        fairness, 0,     30
            better ratings win,                   rating,   5.0,   2.0
            """)
    void eachComponentPullsTheRightWay(String why, String component, String better, String worse) {
        // The worse one has the lower id, so only the component can put the better one first.
        List<Scored> ranked = rank(NURSING_IN_C01, List.of(with(A, component, worse), with(B, component, better)),
                WEIGHTS);

        assertThat(ranked).extracting(Scored::volunteerId).as(why).containsExactly(B, A);
    }

    @Test
    void onlyVolunteersOfTheTeamsWithTheSkillsAndRoomAreEligible() {
        Volunteer otherTeam = new Volunteer(A, List.of("lebei"), Map.of("nursing", 5), "C01", "G01", 0, 2, 0, null);
        Volunteer tooLittleSkill = new Volunteer(A, List.of("angel"), Map.of("nursing", 2), "C01", "G01", 0, 2, 0, null);
        Volunteer full = new Volunteer(A, List.of("angel"), Map.of("nursing", 4), "C01", "G01", 2, 2, 0, null);

        assertThat(Scoring.eligible(NURSING_IN_C01, otherTeam)).isFalse();
        assertThat(Scoring.eligible(NURSING_IN_C01, tooLittleSkill)).isFalse();
        assertThat(Scoring.eligible(NURSING_IN_C01, full)).isFalse();
        assertThat(Scoring.eligible(NURSING_IN_C01, base(A))).isTrue();
    }

    @Test
    void theScoreShowsItsComponentsAndTiesGoToTheLowerId() {
        Scored scored = Scoring.score(NURSING_IN_C01, base(A), WEIGHTS);

        assertThat(scored.components()).containsEntry("team", 1.0).containsEntry("skill", 0.6)
                .containsEntry("proximity", 0.8).containsEntry("load", 1.0).containsEntry("fairness", 1.0)
                .containsEntry("rating", 0.5);
        assertThat(scored.score()).isEqualTo(2.0 + 0.6 + 1.2 + 1.0 + 1.0 + 0.25)
                .as("the score alone, as thousands are ranked").isEqualTo(Scoring.points(NURSING_IN_C01, base(A), WEIGHTS));
        assertThat(scored.distanceMetres()).as("neither place is on the map").isNull();
        assertThat(rank(NURSING_IN_C01, List.of(base(B), base(A)), WEIGHTS))
                .extracting(Scored::volunteerId).containsExactly(A, B);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "living in the building beats living next door,     C01/2, 33.9564, 116.7900, C01/3, 33.9560, 116.7905",
            "the nearer of two buildings wins,                   C01/3, 33.9560, 116.7905, C05/1, 33.9596, 116.7900",
            "a kilometre beats two,                              C05/1, 33.9650, 116.7900, C09/1, 33.9740, 116.7900",
            "nearby on the map beats a home not on the map,      C01/3, 33.9560, 116.7905, C01/4,        ,         ",
            "within reach beats beyond it,                       C12/6, 33.9750, 116.8000, C99/1, 34.0100, 116.8600" })
    void theNearerOfTwoEquallySkilledVolunteersWins(String why, String betterHome, Double betterLatitude, Double betterLongitude,
            String worseHome, Double worseLatitude, Double worseLongitude) {
        Need help = new Need(List.of("angel"), Map.of("nursing", 3), "C01", "G01", new Place("C01/2", 33.9564, 116.7900));
        // The farther one has the lower id, so only where they live can put the nearer one first.
        List<Scored> ranked = rank(help, List.of(livingIn(A, worseHome, worseLatitude, worseLongitude),
                livingIn(B, betterHome, betterLatitude, betterLongitude)), WEIGHTS);

        assertThat(ranked).extracting(Scored::volunteerId).as(why).containsExactly(B, A);
    }

    @Test
    void theScoreSaysHowFarAwayTheVolunteerLives() {
        Need help = new Need(List.of("angel"), Map.of("nursing", 3), "C01", "G01", new Place("C01/1", 33.9560, 116.7900));

        Scored neighbour = Scoring.score(help, livingIn(A, "C05/1", 33.9596, 116.7900), WEIGHTS);
        Scored inTheBuilding = Scoring.score(help, livingIn(B, "C01/1", 33.9560, 116.7900), WEIGHTS);

        assertThat(neighbour.distanceMetres()).isEqualTo(400);
        assertThat(neighbour.sameBuilding()).isFalse();
        assertThat(neighbour.components().get("proximity")).isCloseTo(0.95 * (1 - 400.3 / 3000), within(0.001));
        assertThat(inTheBuilding.sameBuilding()).isTrue();
        assertThat(inTheBuilding.components()).containsEntry("proximity", 1.0);
    }

    @ParameterizedTest(name = "{0},{1} to {2},{3}: {4} m")
    @CsvSource({
            "33.9560, 116.7900, 33.9596, 116.7900,    400.3",
            "33.9560, 116.7900, 33.9560, 116.7943,    396.6",
            "0,       0,        0,       1,        111195.1",
            "33.9560, 116.7900, 33.9560, 116.7900,      0" })
    void distancesAreGreatCircleMetres(double latitude1, double longitude1, double latitude2, double longitude2, double metres) {
        assertThat(Scoring.metres(latitude1, longitude1, latitude2, longitude2)).isCloseTo(metres, within(0.5));
    }

    private static Volunteer livingIn(UUID id, String building, Double latitude, Double longitude) {
        return new Volunteer(id, List.of("angel"), Map.of("nursing", 3), "C01", "G01", 0, 2, 0, null,
                new Place(building, latitude, longitude));
    }

    /** The eligible volunteers, best first, as dispatch ranks them. */
    private static List<Scored> rank(Scoring.Need need, List<Scoring.Volunteer> volunteers, Scoring.Weights weights) {
        return volunteers.stream().filter(volunteer -> Scoring.eligible(need, volunteer))
                .map(volunteer -> Scoring.score(need, volunteer, weights)).sorted(Scoring.BEST_FIRST).toList();
    }
}
