package community.dispatch.volunteer.privacy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.volunteer.privacy.Volunteering.HonourEntry;
import community.dispatch.volunteer.privacy.Volunteering.Order;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL of a person's export: what volunteer-service holds about them beyond their profile. */
@Component
@RequiredArgsConstructor
class PersonalDataStore {

    private final DatabaseClient database;

    /** Their volunteer profile as stored, skills and availability as JSON text; empty if they never volunteered. */
    Mono<StoredProfile> profile(UUID member) {
        return database.sql("""
                        SELECT compound_code, grid_code, home_building, teams, skills::text AS skills,
                               availability::text AS availability, max_concurrent, active
                        FROM volunteer WHERE member_id = :id""")
                .bind("id", member)
                .map(row -> new StoredProfile(row.get("compound_code", String.class), row.get("grid_code", String.class),
                        row.get("home_building", String.class), List.of(row.get("teams", String[].class)),
                        row.get("skills", String.class), row.get("availability", String.class),
                        row.get("max_concurrent", Integer.class), Boolean.TRUE.equals(row.get("active", Boolean.class))))
                .one();
    }

    record StoredProfile(String compoundCode, String gridCode, String homeBuilding, List<String> teams, String skills,
            String availability, int maxConcurrent, boolean active) {
    }

    Flux<String> leads(UUID member) {
        return database.sql("SELECT team_key FROM team_leader WHERE member_id = :id ORDER BY team_key").bind("id", member)
                .mapValue(String.class).all();
    }

    /** Every offer made to them, oldest first: the orders they took, served, declined or let expire. */
    Flux<Order> orders(UUID member) {
        return database.sql("""
                        SELECT id, request_id, team_key, status, offered_at, started_at, completed_at, hours, note
                        FROM order_offer WHERE volunteer_id = :id ORDER BY offered_at, id""")
                .bind("id", member)
                .map(row -> new Order(row.get("id", UUID.class), row.get("request_id", UUID.class), row.get("team_key", String.class),
                        row.get("status", String.class), row.get("offered_at", Instant.class), row.get("started_at", Instant.class),
                        row.get("completed_at", Instant.class), toDouble(row.get("hours", BigDecimal.class)), row.get("note", String.class)))
                .all();
    }

    Flux<HonourEntry> honourHours(UUID member) {
        return database.sql("""
                        SELECT on_date, hours, activity, certified_by FROM honour_hours WHERE volunteer_id = :id ORDER BY on_date, id""")
                .bind("id", member)
                .map(row -> new HonourEntry(row.get("on_date", LocalDate.class), toDouble(row.get("hours", BigDecimal.class)),
                        row.get("activity", String.class), row.get("certified_by", String.class)))
                .all();
    }

    private static Double toDouble(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
