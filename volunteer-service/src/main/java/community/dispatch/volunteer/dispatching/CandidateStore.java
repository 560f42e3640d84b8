package community.dispatch.volunteer.dispatching;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.volunteer.dispatching.domain.OrderStatus;
import community.dispatch.volunteer.teams.Availability;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import lombok.RequiredArgsConstructor;

/**
 * The SQL behind a decision of who could take a request: the volunteers' profiles and the buildings on the map, which
 * {@link DispatchMemory} keeps (each row with its change number, from the {@code dispatch_change} sequence), and
 * volunteers' loads — open orders and hours served lately; and, at every decision, who was tried for the request.
 */
@Component
@RequiredArgsConstructor
class CandidateStore {

    /** How far back hours served count towards fairness. */
    static final Duration RECENT = Duration.ofDays(30);
    private static final TypeReference<Map<String, Integer>> SKILLS = new TypeReference<>() { };

    /** A volunteer's profile as dispatch keeps it; where they live is their home building's place on the map. */
    record Profile(UUID id, boolean active, List<String> teams, Map<String, Integer> skills, String compoundCode,
            String gridCode, int maxConcurrent, Availability availability, Double averageRating, String homeBuilding,
            long change) {
    }

    /** A building on the map. */
    record Building(String name, double latitude, double longitude, long change) {
    }

    /** What a volunteer is doing now: open orders, and hours served lately. */
    record Load(int openOrders, double recentHours) {

        static final Load NONE = new Load(0, 0);
    }

    /**
     * A request's orders as a decision sees them: who was tried for it already (and is not asked again), whether an
     * offer of it is open now; and the last change number given when they were read.
     */
    record Tried(Set<UUID> volunteers, boolean offeredNow, long latestChange) {
    }

    private final DatabaseClient database;
    private final JsonMapper json;

    /** The last change number given (changes numbered up to it may still be uncommitted). */
    Mono<Long> latestChange() {
        return database.sql("SELECT last_value FROM dispatch_change").map(row -> row.get("last_value", Long.class)).one();
    }

    /** Every volunteer's profile numbered after {@code change} (after 0: all of them). */
    Flux<Profile> profilesSince(long change) {
        return database.sql("SELECT * FROM volunteer WHERE change > :change").bind("change", change).map(this::profile).all();
    }

    Flux<Profile> profiles(Collection<UUID> ids) {
        return database.sql("SELECT * FROM volunteer WHERE member_id = ANY(:ids)").bind("ids", ids.toArray(UUID[]::new))
                .map(this::profile).all();
    }

    Flux<Building> buildingsSince(long change) {
        return database.sql("SELECT * FROM building_place WHERE change > :change").bind("change", change)
                .map(CandidateStore::building).all();
    }

    Flux<Building> buildings(Collection<String> names) {
        return database.sql("SELECT * FROM building_place WHERE building = ANY(:names)")
                .bind("names", names.toArray(String[]::new)).map(CandidateStore::building).all();
    }

    /**
     * The request's orders and the last change number, in one statement, in the caller's transaction (so it counts
     * the offers it made).
     */
    Mono<Tried> tried(UUID requestId) {
        return database.sql("""
                        SELECT volunteer_id, status, NULL::bigint AS latest_change FROM order_offer WHERE request_id = :request
                        UNION ALL
                        SELECT NULL, NULL, last_value FROM dispatch_change""")
                .bind("request", requestId)
                .map(row -> new TriedRow(row.get("volunteer_id", UUID.class), row.get("status", String.class),
                        row.get("latest_change", Long.class)))
                .all()
                .collectList()
                .map(rows -> new Tried(rows.stream()
                        .filter(row -> row.volunteer() != null && OrderStatus.NOT_AGAIN.contains(OrderStatus.valueOf(row.status())))
                        .map(TriedRow::volunteer).collect(Collectors.toUnmodifiableSet()),
                        rows.stream().anyMatch(row -> OrderStatus.OFFERED.name().equals(row.status())),
                        rows.stream().filter(row -> row.volunteer() == null).mapToLong(TriedRow::latest).max().orElse(0)));
    }

    private record TriedRow(UUID volunteer, String status, Long latest) {
    }

    /** The loads of the given volunteers, in the caller's transaction (so they count the offers it made). */
    Mono<Map<UUID, Load>> loadsOf(Collection<UUID> volunteers, Instant now) {
        return loads("AND o.volunteer_id = ANY(:volunteers)",
                Map.of("recentSince", now.minus(RECENT), "volunteers", volunteers.toArray(UUID[]::new)));
    }

    /** The loads of everyone with an open order or hours lately. */
    Mono<Map<UUID, Load>> allLoads(Instant now) {
        return loads("", Map.of("recentSince", now.minus(RECENT)));
    }

    /** Volunteers' loads where {@code which} (a condition on the orders) says; those with none are left out. */
    private Mono<Map<UUID, Load>> loads(String which, Map<String, Object> values) {
        return database.sql("""
                        SELECT o.volunteer_id,
                               count(*) FILTER (WHERE o.status IN (%1$s)) AS open_orders,
                               coalesce(sum(o.hours) FILTER (WHERE o.status = '%2$s' AND o.completed_at > :recentSince), 0)
                                   AS recent_hours
                        FROM order_offer o
                        WHERE (o.status IN (%1$s) OR (o.status = '%2$s' AND o.completed_at > :recentSince)) %3$s
                        GROUP BY o.volunteer_id""".formatted(literals(OrderStatus.OPEN), OrderStatus.COMPLETED.name(), which))
                .bindValues(values)
                .map(row -> Map.entry(row.get("volunteer_id", UUID.class), new Load(row.get("open_orders", Long.class).intValue(),
                        row.get("recent_hours", BigDecimal.class).doubleValue())))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static String literals(Set<OrderStatus> statuses) {
        return statuses.stream().map(status -> "'" + status.name() + "'").sorted().collect(Collectors.joining(", "));
    }

    private Profile profile(Readable row) {
        int ratings = row.get("rating_count", Integer.class);
        return new Profile(row.get("member_id", UUID.class), row.get("active", Boolean.class),
                List.copyOf(Arrays.asList(row.get("teams", String[].class))),
                Map.copyOf(json.readValue(row.get("skills", Json.class).asString(), SKILLS)),
                emptyToNull(row.get("compound_code", String.class)), row.get("grid_code", String.class),
                row.get("max_concurrent", Integer.class),
                json.readValue(row.get("availability", Json.class).asString(), Availability.class),
                ratings == 0 ? null : (double) row.get("rating_sum", Integer.class) / ratings,
                row.get("home_building", String.class), row.get("change", Long.class));
    }

    private static Building building(Readable row) {
        return new Building(row.get("building", String.class), row.get("latitude", Double.class),
                row.get("longitude", Double.class), row.get("change", Long.class));
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
