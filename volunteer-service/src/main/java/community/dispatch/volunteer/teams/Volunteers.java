package community.dispatch.volunteer.teams;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Volunteer profiles, kept in step with the member register. */
@Component
public class Volunteers {

    public static final String VOLUNTEER = "VOLUNTEER";
    private static final Logger log = LoggerFactory.getLogger(Volunteers.class);

    public record Profile(UUID memberId, String compoundCode, List<String> teams, int maxConcurrent, boolean active) {
    }

    public record Team(String key, String nameZh, String nameEn, String description, String stationZh,
            List<String> categories) {

        public String name(String language) {
            return language != null && language.startsWith("zh") ? nameZh : nameEn;
        }
    }

    private final DatabaseClient database;

    public Volunteers(DatabaseClient database) {
        this.database = database;
    }

    /**
     * What a member event means here: a member with the VOLUNTEER role has an active profile; one
     * without it, or deactivated, has a suspended one. Teams and limits stay as they were.
     */
    public Mono<Void> memberChanged(UUID memberId, Set<String> roles, String compoundCode, boolean active) {
        boolean volunteer = roles != null && roles.contains(VOLUNTEER);
        if (!volunteer) {
            return suspend(memberId);
        }
        return database.sql("""
                        INSERT INTO volunteer (member_id, compound_code, active) VALUES (:id, :compound, :active)
                        ON CONFLICT (member_id) DO UPDATE SET compound_code = :compound, active = :active, updated_at = now()""")
                .bind("id", memberId)
                .bind("compound", compoundCode == null ? "" : compoundCode)
                .bind("active", active)
                .fetch().rowsUpdated()
                .doOnNext(rows -> log.info("Volunteer profile {} {}", memberId, active ? "active" : "suspended"))
                .then();
    }

    public Mono<Void> suspend(UUID memberId) {
        return database.sql("UPDATE volunteer SET active = false, updated_at = now() WHERE member_id = :id")
                .bind("id", memberId).fetch().rowsUpdated().then();
    }

    public Mono<Profile> profile(UUID memberId) {
        return database.sql("SELECT * FROM volunteer WHERE member_id = :id").bind("id", memberId)
                .map(row -> new Profile(row.get("member_id", UUID.class), emptyToNull(row.get("compound_code", String.class)),
                        Arrays.asList(row.get("teams", String[].class)), row.get("max_concurrent", Integer.class),
                        Boolean.TRUE.equals(row.get("active", Boolean.class))))
                .one();
    }

    /** Puts a volunteer in teams (all must exist); answers false when there is no such volunteer. */
    public Mono<Boolean> assignTeams(UUID memberId, List<String> teams) {
        return database.sql("UPDATE volunteer SET teams = :teams, updated_at = now() WHERE member_id = :id")
                .bind("id", memberId).bind("teams", teams.stream().distinct().toArray(String[]::new))
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    public Flux<Team> teams() {
        return database.sql("SELECT * FROM team ORDER BY key")
                .map(row -> new Team(row.get("key", String.class), row.get("name_zh", String.class),
                        row.get("name_en", String.class), row.get("description", String.class),
                        row.get("station_zh", String.class), Arrays.asList(row.get("categories", String[].class))))
                .all();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
