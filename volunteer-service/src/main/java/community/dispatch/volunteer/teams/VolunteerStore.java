package community.dispatch.volunteer.teams;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.r2dbc.postgresql.codec.Json;
import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code volunteer} and {@code team}: volunteer profiles, kept in step with the member register, and the teams. */
@Component
@RequiredArgsConstructor
class VolunteerStore {

    public static final String VOLUNTEER = "VOLUNTEER";
    private static final TypeReference<Map<String, Integer>> SKILLS = new TypeReference<>() { };
    private static final Logger log = LoggerFactory.getLogger(VolunteerStore.class);

    private final DatabaseClient database;
    private final JsonMapper json;

    /**
     * What a member event means here: a member with the VOLUNTEER role has an active profile; one
     * without it, or deactivated, has a suspended one. Teams and limits stay as they were.
     */
    public Mono<Void> memberChanged(UUID memberId, Set<String> roles, String compoundCode, String building, boolean active) {
        boolean volunteer = roles != null && roles.contains(VOLUNTEER);
        if (!volunteer) {
            return suspend(memberId);
        }
        return database.sql("""
                        INSERT INTO volunteer (member_id, compound_code, home_building, active) VALUES (:id, :compound, :building, :active)
                        ON CONFLICT (member_id) DO UPDATE SET compound_code = :compound, home_building = :building, active = :active,
                          updated_at = now()""")
                .bind("id", memberId)
                .bind("compound", compoundCode == null ? "" : compoundCode)
                .bind("building", Parameter.fromOrEmpty(building, String.class))
                .bind("active", active)
                .fetch().rowsUpdated()
                .doOnEach(Logged.onNext(rows -> log.info("Volunteer profile {} {}", memberId, active ? "active" : "suspended")))
                .then();
    }

    /** Where a building is, as the register last said. */
    public Mono<Void> buildingPlaced(String building, double latitude, double longitude) {
        return database.sql("""
                        INSERT INTO building_place (building, latitude, longitude) VALUES (:building, :latitude, :longitude)
                        ON CONFLICT (building) DO UPDATE SET latitude = :latitude, longitude = :longitude, updated_at = now()
                        WHERE building_place.latitude <> :latitude OR building_place.longitude <> :longitude""")
                .bind("building", building).bind("latitude", latitude).bind("longitude", longitude)
                .fetch().rowsUpdated().then();
    }

    /** A resident's rating of work the volunteer did. */
    public Mono<Void> addRating(UUID memberId, int rating) {
        return database.sql("UPDATE volunteer SET rating_sum = rating_sum + :rating, rating_count = rating_count + 1 WHERE member_id = :id")
                .bind("rating", rating).bind("id", memberId).fetch().rowsUpdated().then();
    }

    public Mono<Void> suspend(UUID memberId) {
        return database.sql("UPDATE volunteer SET active = false, updated_at = now() WHERE member_id = :id")
                .bind("id", memberId).fetch().rowsUpdated().then();
    }

    public Mono<VolunteerProfile> profile(UUID memberId) {
        return database.sql("SELECT * FROM volunteer WHERE member_id = :id").bind("id", memberId)
                .map(row -> new VolunteerProfile(row.get("member_id", UUID.class), emptyToNull(row.get("compound_code", String.class)),
                        row.get("grid_code", String.class), Arrays.asList(row.get("teams", String[].class)),
                        json.readValue(row.get("skills", Json.class).asString(), SKILLS),
                        json.readTree(row.get("availability", Json.class).asString()),
                        row.get("max_concurrent", Integer.class), Boolean.TRUE.equals(row.get("active", Boolean.class)),
                        row.get("rating_count", Integer.class) == 0 ? null
                                : (double) row.get("rating_sum", Integer.class) / row.get("rating_count", Integer.class)))
                .one();
    }

    /** Puts a volunteer in teams (all must exist); answers false when there is no such volunteer. */
    public Mono<Boolean> assignTeams(UUID memberId, List<String> teams) {
        return database.sql("UPDATE volunteer SET teams = :teams, updated_at = now() WHERE member_id = :id")
                .bind("id", memberId).bind("teams", teams.stream().distinct().toArray(String[]::new))
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** The teams the member leads. */
    Flux<String> ledBy(UUID memberId) {
        return database.sql("SELECT team_key FROM team_leader WHERE member_id = :id ORDER BY team_key")
                .bind("id", memberId).map(row -> row.get("team_key", String.class)).all();
    }

    Flux<UUID> leadersOf(String team) {
        return database.sql("SELECT member_id FROM team_leader WHERE team_key = :team ORDER BY member_id")
                .bind("team", team).map(row -> row.get("member_id", UUID.class)).all();
    }

    Mono<Void> appointLeader(String team, UUID memberId) {
        return database.sql("INSERT INTO team_leader (team_key, member_id) VALUES (:team, :id) ON CONFLICT DO NOTHING")
                .bind("team", team).bind("id", memberId).fetch().rowsUpdated().then();
    }

    Mono<Boolean> dismissLeader(String team, UUID memberId) {
        return database.sql("DELETE FROM team_leader WHERE team_key = :team AND member_id = :id")
                .bind("team", team).bind("id", memberId).fetch().rowsUpdated().map(rows -> rows == 1);
    }

    public Mono<Void> setSkills(UUID memberId, Map<String, Integer> skills) {
        return database.sql("UPDATE volunteer SET skills = :skills, updated_at = now() WHERE member_id = :id")
                .bind("id", memberId).bind("skills", Json.of(json.writeValueAsString(skills)))
                .fetch().rowsUpdated().then();
    }

    /** Replaces what a volunteer or their team leader keeps up to date: skills, grid, availability and leave, limit. */
    /** Sets what leaders and staff decide of a volunteer: skills, grid and orders at once; false without a profile. */
    public Mono<Boolean> setProfile(UUID memberId, Map<String, Integer> skills, String gridCode, int maxConcurrent) {
        DatabaseClient.GenericExecuteSpec update = database.sql("""
                        UPDATE volunteer SET skills = :skills, grid_code = :grid, max_concurrent = :max, updated_at = now()
                        WHERE member_id = :id""")
                .bind("id", memberId).bind("skills", Json.of(json.writeValueAsString(skills))).bind("max", maxConcurrent);
        update = gridCode == null ? update.bindNull("grid", String.class) : update.bind("grid", gridCode);
        return update.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** Sets when a volunteer is free (weekly windows) and away (leave); false without a profile. */
    public Mono<Boolean> setAvailability(UUID memberId, Availability availability) {
        return database.sql("UPDATE volunteer SET availability = :availability, updated_at = now() WHERE member_id = :id")
                .bind("id", memberId).bind("availability", Json.of(json.writeValueAsString(availability)))
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    /** Replaces a team's names, description, station and categories; false when there is no such team. */
    public Mono<Boolean> changeTeam(Team team) {
        return database.sql("""
                        UPDATE team SET name_zh = :zh, name_zh_hant = :zhHant, name_en = :en, description = :description,
                                        station_zh = :station, station_zh_hant = :stationHant, categories = :categories
                        WHERE key = :key""")
                .bind("key", team.key()).bind("zh", team.nameZh()).bind("en", team.nameEn())
                .bind("zhHant", Parameter.fromOrEmpty(team.nameZhHant(), String.class))
                .bind("description", team.description()).bind("station", team.stationZh())
                .bind("stationHant", Parameter.fromOrEmpty(team.stationZhHant(), String.class))
                .bind("categories", team.categories().toArray(String[]::new))
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    public Flux<Team> teams() {
        return database.sql("SELECT * FROM team ORDER BY key")
                .map(row -> new Team(row.get("key", String.class), row.get("name_zh", String.class),
                        row.get("name_zh_hant", String.class), row.get("name_en", String.class),
                        row.get("description", String.class), row.get("station_zh", String.class),
                        row.get("station_zh_hant", String.class), Arrays.asList(row.get("categories", String[].class))))
                .all();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
