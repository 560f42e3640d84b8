package community.dispatch.member.demo;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL that lays out the demo community's places, organisations and posts. */
@Component
@RequiredArgsConstructor
class DemoStore {

    /** A row of a table with a code and zh/en names. */
    enum Named {
        GRID("grid"), COMPOUND("compound");

        private final String table;

        Named(String table) {
            this.table = table;
        }
    }

    private final DatabaseClient database;

    /** Whether a compound with this code exists: the demo community is loaded once. */
    Mono<Boolean> hasCompound(String code) {
        return database.sql("SELECT 1 FROM compound WHERE code = :code").bind("code", code).map(row -> true).one()
                .defaultIfEmpty(false);
    }

    Mono<Void> named(Named kind, UUID id, String code, String zh, String en) {
        return database.sql("INSERT INTO " + kind.table + " (id, code, name_zh, name_en) VALUES (:id, :code, :zh, :en)")
                .bind("id", id).bind("code", code).bind("zh", zh).bind("en", en).fetch().rowsUpdated().then();
    }

    Mono<Void> building(UUID id, UUID compound, UUID grid, String code, double latitude, double longitude) {
        return database.sql("""
                        INSERT INTO building (id, compound_id, grid_id, code, latitude, longitude)
                        VALUES (:id, :compound, :grid, :code, :latitude, :longitude)""")
                .bind("id", id).bind("compound", compound).bind("grid", grid).bind("code", code)
                .bind("latitude", latitude).bind("longitude", longitude).fetch().rowsUpdated().then();
    }

    Mono<Void> unit(UUID id, UUID building, String code) {
        return database.sql("INSERT INTO unit (id, building_id, code) VALUES (:id, :building, :code)")
                .bind("id", id).bind("building", building).bind("code", code).fetch().rowsUpdated().then();
    }

    Mono<Void> organisation(UUID id, String code, String kind, String zh, String en, UUID parent, UUID grid) {
        Map<String, Object> values = new HashMap<>(Map.of("id", id, "code", code, "kind", kind, "zh", zh, "en", en));
        values.put("parent", Parameter.fromOrEmpty(parent, UUID.class));
        values.put("grid", Parameter.fromOrEmpty(grid, UUID.class));
        return database.sql("""
                        INSERT INTO organisation (id, code, kind, name_zh, name_en, parent_id, grid_id)
                        VALUES (:id, :code, :kind, :zh, :en, :parent, :grid)""")
                .bindValues(values).fetch().rowsUpdated().then();
    }

    Mono<Void> membership(UUID member, UUID organisation, String position) {
        return database.sql("INSERT INTO membership (member_id, organisation_id, position) VALUES (:member, :organisation, :position)")
                .bind("member", member).bind("organisation", organisation).bind("position", position)
                .fetch().rowsUpdated().then();
    }

    Mono<Void> gridChief(UUID grid, UUID member, String kind, String answersFor) {
        return database.sql("INSERT INTO grid_chief (grid_id, member_id, kind, answers_for) VALUES (:grid, :member, :kind, :what)")
                .bind("grid", grid).bind("member", member).bind("kind", kind).bind("what", answersFor)
                .fetch().rowsUpdated().then();
    }
}
