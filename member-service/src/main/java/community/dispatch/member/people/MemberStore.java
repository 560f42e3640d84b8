package community.dispatch.member.people;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;
import community.dispatch.member.people.domain.Member;
import community.dispatch.member.people.domain.Role;
import community.dispatch.member.people.domain.PartyKind;

/** SQL over {@code member}, with each member's home resolved through unit, building, compound and grid. */
@Component
@RequiredArgsConstructor
public class MemberStore {

    private static final String COLUMNS = """
            m.id, m.name, m.phone, m.unit_id, m.roles, m.party_branch_id, m.party_kind, m.leadership,
                   m.active, m.username, m.version, c.code AS compound_code, b.code AS building_code,
                   u.code AS unit_code, g.code AS grid_code, b.latitude, b.longitude""";
    private static final String FROM = """
             FROM member m
            LEFT JOIN unit u ON u.id = m.unit_id
            LEFT JOIN building b ON b.id = u.building_id
            LEFT JOIN compound c ON c.id = b.compound_id
            LEFT JOIN grid g ON g.id = b.grid_id
            """;
    private static final String SELECT = "SELECT " + COLUMNS + FROM;

    private final DatabaseClient database;

    public Mono<Member> findById(UUID id) {
        return database.sql(SELECT + " WHERE m.id = :id").bind("id", id).map(MemberStore::read).one();
    }

    /** The active members whose home is in the building. */
    /** Every active member, by id. */
    public Flux<Member> allActive() {
        return database.sql(SELECT + " WHERE m.active ORDER BY m.id").map(MemberStore::read).all();
    }

    /**
     * Claims an edition of the register's events, once for all instances (waiting for another instance's claim):
     * true for the caller that claimed it. Call inside a transaction.
     */
    public Mono<Boolean> claimEdition(int edition) {
        return database.sql("SELECT pg_advisory_xact_lock(hashtext('dispatch.register_edition'))").fetch().rowsUpdated()
                .then(database.sql("INSERT INTO register_edition (edition) VALUES (:edition) ON CONFLICT DO NOTHING")
                        .bind("edition", edition).fetch().rowsUpdated())
                .map(inserted -> inserted > 0);
    }

    public Flux<Member> activeIn(UUID building) {
        return database.sql(SELECT + " WHERE b.id = :building AND m.active ORDER BY m.id").bind("building", building)
                .map(MemberStore::read).all();
    }

    public Mono<Member> findActiveByPhone(String phone) {
        return database.sql(SELECT + " WHERE m.phone = :phone AND m.active").bind("phone", phone)
                .map(MemberStore::read).one();
    }

    public Mono<Boolean> unitExists(UUID unitId) {
        return database.sql("SELECT 1 FROM unit WHERE id = :id").bind("id", unitId).map(row -> true).one()
                .defaultIfEmpty(false);
    }

    public Mono<Boolean> partyBranchExists(UUID organisationId) {
        return database.sql("""
                        SELECT 1 FROM organisation
                        WHERE id = :id AND kind IN ('PARTY_GENERAL_BRANCH', 'PROPERTY_PARTY_BRANCH', 'GRID_PARTY_BRANCH')""")
                .bind("id", organisationId).map(row -> true).one().defaultIfEmpty(false);
    }

    public Mono<Boolean> phoneTaken(String phone, UUID except) {
        return database.sql("SELECT 1 FROM member WHERE phone = :phone AND id <> :id").bind("phone", phone)
                .bind("id", except).map(row -> true).one().defaultIfEmpty(false);
    }

    public Mono<Boolean> usernameTaken(String username, UUID except) {
        return database.sql("SELECT 1 FROM member WHERE username = :username AND id <> :id")
                .bind("username", username).bind("id", except).map(row -> true).one().defaultIfEmpty(false);
    }

    /** The grids the member serves as a grid worker or one of the five chiefs, as staff assigned them. */
    public Flux<String> gridsServedBy(UUID memberId) {
        return database.sql("""
                        SELECT DISTINCT g.code FROM grid_chief gc JOIN grid g ON g.id = gc.grid_id
                        WHERE gc.member_id = :id ORDER BY g.code""")
                .bind("id", memberId).map(row -> row.get("code", String.class)).all();
    }

    public Mono<Void> insert(Member member) {
        GenericExecuteSpec spec = database.sql("""
                INSERT INTO member (id, name, phone, unit_id, roles, party_branch_id, party_kind, leadership, active,
                                    username, version)
                VALUES (:id, :name, :phone, :unit, :roles, :branch, :kind, :leadership, :active, :username, 0)""")
                .bind("id", member.id())
                .bind("name", member.name())
                .bind("roles", names(member.roles()))
                .bind("leadership", member.leadership())
                .bind("active", member.active());
        spec = bindNullable(spec, "phone", member.phone(), String.class);
        spec = bindNullable(spec, "unit", member.home() == null ? null : member.home().unitId(), UUID.class);
        spec = bindNullable(spec, "branch", member.partyBranchId(), UUID.class);
        spec = bindNullable(spec, "kind", member.partyKind() == null ? null : member.partyKind().name(), String.class);
        spec = bindNullable(spec, "username", member.username(), String.class);
        return spec.fetch().rowsUpdated().then();
    }

    /**
     * Writes the member if it still has {@code expectedVersion}; completes with false when someone
     * else changed it first.
     */
    public Mono<Boolean> update(Member member, long expectedVersion) {
        GenericExecuteSpec spec = database.sql("""
                UPDATE member SET name = :name, phone = :phone, unit_id = :unit, roles = :roles,
                                  party_branch_id = :branch, party_kind = :kind, leadership = :leadership,
                                  active = :active, version = version + 1, updated_at = now()
                WHERE id = :id AND version = :expected""")
                .bind("id", member.id())
                .bind("name", member.name())
                .bind("roles", names(member.roles()))
                .bind("leadership", member.leadership())
                .bind("active", member.active())
                .bind("expected", expectedVersion);
        spec = bindNullable(spec, "phone", member.phone(), String.class);
        spec = bindNullable(spec, "unit", member.home() == null ? null : member.home().unitId(), UUID.class);
        spec = bindNullable(spec, "branch", member.partyBranchId(), UUID.class);
        spec = bindNullable(spec, "kind", member.partyKind() == null ? null : member.partyKind().name(), String.class);
        return spec.fetch().rowsUpdated().map(updated -> updated == 1);
    }

    /** One page of members matching the filter, ordered by name then id. */
    public Flux<Member> page(MemberFilter filter, int page, int size) {
        return database.sql(SELECT + MATCHES_FILTER + " ORDER BY m.name, m.id LIMIT :limit OFFSET :offset")
                .bindValues(filterValues(filter)).bind("limit", size).bind("offset", (long) page * size)
                .map(MemberStore::read).all();
    }

    public Mono<Long> count(MemberFilter filter) {
        return database.sql("SELECT count(*) AS n FROM (" + SELECT + MATCHES_FILTER + ") matching")
                .bindValues(filterValues(filter)).map(row -> row.get("n", Long.class)).one();
    }

    /** Every criterion of a {@link MemberFilter}; one left out (null) matches everyone. */
    private static final String MATCHES_FILTER = """
             WHERE (CAST(:role AS text) IS NULL OR :role = ANY(m.roles))
              AND (CAST(:grid AS text) IS NULL OR g.code = :grid)
              AND (CAST(:compound AS text) IS NULL OR c.code = :compound)
              AND (CAST(:active AS boolean) IS NULL OR m.active = :active)
              AND (CAST(:partyMember AS boolean) IS NULL OR (m.party_kind IS NOT NULL) = :partyMember)
              AND (CAST(:leadership AS boolean) IS NULL OR m.leadership = :leadership)
              AND (CAST(:name AS text) IS NULL OR m.name ILIKE :name)
              AND (CAST(:withinGrids AS text[]) IS NULL OR g.code = ANY(:withinGrids))""";

    private static Map<String, Object> filterValues(MemberFilter filter) {
        Map<String, Object> values = new HashMap<>();
        values.put("role", Parameter.fromOrEmpty(filter.role() == null ? null : filter.role().name(), String.class));
        values.put("grid", Parameter.fromOrEmpty(filter.gridCode(), String.class));
        values.put("compound", Parameter.fromOrEmpty(filter.compoundCode(), String.class));
        values.put("active", Parameter.fromOrEmpty(filter.active(), Boolean.class));
        values.put("partyMember", Parameter.fromOrEmpty(filter.partyMember(), Boolean.class));
        values.put("leadership", Parameter.fromOrEmpty(filter.leadership(), Boolean.class));
        String name = filter.name() == null || filter.name().isBlank() ? null
                : "%" + filter.name().replace("%", "\\%").replace("_", "\\_") + "%";
        values.put("name", Parameter.fromOrEmpty(name, String.class));
        values.put("withinGrids", Parameter.fromOrEmpty(
                filter.withinGrids() == null ? null : filter.withinGrids().toArray(String[]::new), String[].class));
        return values;
    }

    private static <T> GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static String[] names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }

    static Member read(Readable row) {
        UUID unitId = row.get("unit_id", UUID.class);
        String kind = row.get("party_kind", String.class);
        String[] roles = row.get("roles", String[].class);
        return new Member(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("phone", String.class),
                unitId == null ? null : new Member.Home(unitId, row.get("compound_code", String.class),
                        row.get("building_code", String.class), row.get("unit_code", String.class),
                        row.get("grid_code", String.class), row.get("latitude", Double.class), row.get("longitude", Double.class)),
                Arrays.stream(roles).map(Role::valueOf).collect(Collectors.toSet()),
                row.get("party_branch_id", UUID.class),
                kind == null ? null : PartyKind.valueOf(kind),
                Boolean.TRUE.equals(row.get("leadership", Boolean.class)),
                Boolean.TRUE.equals(row.get("active", Boolean.class)),
                row.get("username", String.class),
                Optional.ofNullable(row.get("version", Long.class)).orElse(0L));
    }

    static List<String> roleNames(Set<Role> roles) {
        return List.of(names(roles));
    }
}
