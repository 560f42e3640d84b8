package community.dispatch.member.people;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL over {@code member}, with each member's home resolved through unit, building, compound and grid. */
@Component
public class MemberStore {

    private static final String SELECT = """
            SELECT m.id, m.name, m.phone, m.unit_id, m.roles, m.party_branch_id, m.party_kind, m.leadership,
                   m.active, m.username, m.version, c.code AS compound_code, b.code AS building_code,
                   u.code AS unit_code, g.code AS grid_code
            FROM member m
            LEFT JOIN unit u ON u.id = m.unit_id
            LEFT JOIN building b ON b.id = u.building_id
            LEFT JOIN compound c ON c.id = b.compound_id
            LEFT JOIN grid g ON g.id = b.grid_id
            """;

    private final DatabaseClient database;

    public MemberStore(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Member> findById(UUID id) {
        return database.sql(SELECT + " WHERE m.id = :id").bind("id", id).map(MemberStore::read).one();
    }

    public Mono<Member> findActiveByPhone(String phone) {
        return database.sql(SELECT + " WHERE m.phone = :phone AND m.active").bind("phone", phone)
                .map(MemberStore::read).one();
    }

    /** The active member with this username, and their password hash. */
    public Mono<Credentials> findActiveByUsername(String username) {
        return database.sql(SELECT.replace("m.version,", "m.version, m.password_hash,")
                        + " WHERE m.username = :username AND m.active")
                .bind("username", username)
                .map(row -> new Credentials(read(row), row.get("password_hash", String.class)))
                .one();
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

    public Mono<Void> insert(Member member, String passwordHash) {
        GenericExecuteSpec spec = database.sql("""
                INSERT INTO member (id, name, phone, unit_id, roles, party_branch_id, party_kind, leadership, active,
                                    username, password_hash, version)
                VALUES (:id, :name, :phone, :unit, :roles, :branch, :kind, :leadership, :active, :username, :hash, 0)""")
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
        spec = bindNullable(spec, "hash", passwordHash, String.class);
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
        Query query = where(filter);
        GenericExecuteSpec spec = database.sql(SELECT + query.where() + " ORDER BY m.name, m.id LIMIT :limit OFFSET :offset")
                .bind("limit", size)
                .bind("offset", (long) page * size);
        for (Map.Entry<String, Object> parameter : query.parameters().entrySet()) {
            spec = spec.bind(parameter.getKey(), parameter.getValue());
        }
        return spec.map(MemberStore::read).all();
    }

    public Mono<Long> count(MemberFilter filter) {
        Query query = where(filter);
        GenericExecuteSpec spec = database.sql("SELECT count(*) AS n FROM (" + SELECT + query.where() + ") matching");
        for (Map.Entry<String, Object> parameter : query.parameters().entrySet()) {
            spec = spec.bind(parameter.getKey(), parameter.getValue());
        }
        return spec.map(row -> row.get("n", Long.class)).one();
    }

    private static Query where(MemberFilter filter) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (filter.role() != null) {
            where.append(" AND :role = ANY(m.roles)");
            parameters.put("role", filter.role().name());
        }
        if (filter.gridCode() != null) {
            where.append(" AND g.code = :grid");
            parameters.put("grid", filter.gridCode());
        }
        if (filter.compoundCode() != null) {
            where.append(" AND c.code = :compound");
            parameters.put("compound", filter.compoundCode());
        }
        if (filter.active() != null) {
            where.append(" AND m.active = :active");
            parameters.put("active", filter.active());
        }
        if (filter.partyMember() != null) {
            where.append(filter.partyMember() ? " AND m.party_kind IS NOT NULL" : " AND m.party_kind IS NULL");
        }
        if (filter.leadership() != null) {
            where.append(" AND m.leadership = :leadership");
            parameters.put("leadership", filter.leadership());
        }
        if (filter.name() != null && !filter.name().isBlank()) {
            where.append(" AND m.name ILIKE :name");
            parameters.put("name", "%" + filter.name().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return new Query(where.toString(), parameters);
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
                        row.get("grid_code", String.class)),
                Arrays.stream(roles).map(Role::valueOf).collect(Collectors.toSet()),
                row.get("party_branch_id", UUID.class),
                kind == null ? null : PartyKind.valueOf(kind),
                Boolean.TRUE.equals(row.get("leadership", Boolean.class)),
                Boolean.TRUE.equals(row.get("active", Boolean.class)),
                row.get("username", String.class),
                Optional.ofNullable(row.get("version", Long.class)).orElse(0L));
    }

    /** A member with the hash of their password, for sign-in only. */
    public record Credentials(Member member, String passwordHash) {
    }

    private record Query(String where, Map<String, Object> parameters) {
    }

    /** Unused-filter values are null. */
    public record MemberFilter(Role role, String gridCode, String compoundCode, Boolean active, Boolean partyMember,
            Boolean leadership, String name) {

        public static MemberFilter none() {
            return new MemberFilter(null, null, null, null, null, null, null);
        }
    }

    static List<String> roleNames(Set<Role> roles) {
        return List.of(names(roles));
    }
}
