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
 * {@link DispatchMemory} keeps (each row with its change number, from the {@code dispatch_change} sequence), and, read at
 * every decision, everyone's load — open orders and hours served lately — and who was tried for the request already.
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

    /** What a volunteer is doing now: open orders, hours served lately, and whether they were tried for the request. */
    record Load(int openOrders, double recentHours, boolean tried, boolean offeredNow) {

        static final Load NONE = new Load(0, 0, false, false);
    }

    /** Everyone's load with a request in view, and the last change number given when it was read. */
    record Loads(Map<UUID, Load> byVolunteer, long latestChange) {

        Load of(UUID volunteer) {
            return byVolunteer.getOrDefault(volunteer, Load.NONE);
        }

        /** Whether an offer of the request is open now. */
        boolean offeredNow() {
            return byVolunteer.values().stream().anyMatch(Load::offeredNow);
        }
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
     * Everyone with an open order, hours completed since {@link #RECENT} or an order of the request, and the last
     * change number — in one statement, in the caller's transaction (so it counts the offers it made). What it reads
     * grows with the community's open and recent orders, not with the size of a team. The statuses are spelled out
     * so the partial indexes over them serve a generic plan too.
     */
    Mono<Loads> loads(UUID requestId, Instant now) {
        return database.sql("""
                        SELECT o.volunteer_id,
                               count(*) FILTER (WHERE o.status IN (%1$s)) AS open_orders,
                               coalesce(sum(o.hours) FILTER (WHERE o.status = '%3$s' AND o.completed_at > :recentSince), 0)
                                   AS recent_hours,
                               bool_or(o.request_id = :request AND o.status IN (%2$s)) AS tried,
                               bool_or(o.request_id = :request AND o.status = '%4$s') AS offered_now,
                               NULL::bigint AS latest_change
                        FROM order_offer o
                        WHERE o.status IN (%1$s) OR (o.status = '%3$s' AND o.completed_at > :recentSince) OR o.request_id = :request
                        GROUP BY o.volunteer_id
                        UNION ALL
                        SELECT NULL, NULL, NULL, NULL, NULL, last_value FROM dispatch_change""".formatted(
                        literals(OrderStatus.OPEN), literals(OrderStatus.NOT_AGAIN), OrderStatus.COMPLETED.name(),
                        OrderStatus.OFFERED.name()))
                .bind("request", requestId).bind("recentSince", now.minus(RECENT))
                .map(row -> {
                    UUID volunteer = row.get("volunteer_id", UUID.class);
                    return volunteer == null ? new LoadRow(null, null, row.get("latest_change", Long.class))
                            : new LoadRow(volunteer, new Load(row.get("open_orders", Long.class).intValue(),
                                    row.get("recent_hours", BigDecimal.class).doubleValue(), row.get("tried", Boolean.class),
                                    row.get("offered_now", Boolean.class)), null);
                })
                .all()
                .collectList()
                .map(rows -> new Loads(rows.stream().filter(row -> row.volunteer() != null)
                        .collect(Collectors.toUnmodifiableMap(LoadRow::volunteer, LoadRow::load)),
                        rows.stream().filter(row -> row.volunteer() == null).mapToLong(LoadRow::latest).max().orElse(0)));
    }

    private record LoadRow(UUID volunteer, Load load, Long latest) {
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
