package community.dispatch.member.places;

import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.member.places.Places.Building;
import community.dispatch.member.places.Places.Chief;
import community.dispatch.member.places.Places.Compound;
import community.dispatch.member.places.Places.Grid;
import community.dispatch.member.places.Places.Organisation;
import community.dispatch.member.places.Places.Unit;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL over the community's places and organisations: compounds, buildings, units, grids, their chiefs. */
@Component
@RequiredArgsConstructor
class PlaceStore {

    private final DatabaseClient database;

    Flux<Grid> grids() {
        return database.sql("""
                        SELECT g.id, g.code, g.name_zh, g.name_en, count(b.id) AS buildings
                        FROM grid g LEFT JOIN building b ON b.grid_id = g.id
                        GROUP BY g.id ORDER BY g.code""")
                .map(row -> new Grid(row.get("id", UUID.class), row.get("code", String.class),
                        row.get("name_zh", String.class), row.get("name_en", String.class),
                        row.get("buildings", Long.class)))
                .all();
    }

    Flux<Building> buildingsOf(UUID grid) {
        return database.sql("""
                        SELECT b.id, b.code, c.code AS compound, b.latitude, b.longitude FROM building b JOIN compound c ON c.id = b.compound_id
                        WHERE b.grid_id = :grid ORDER BY c.code, b.code""")
                .bind("grid", grid)
                .map(PlaceStore::building)
                .all();
    }

    /** Places a building; empty when the compound has no such building. */
    Mono<Building> locate(String compound, String building, double latitude, double longitude) {
        return database.sql("""
                        UPDATE building b SET latitude = :latitude, longitude = :longitude FROM compound c
                        WHERE c.id = b.compound_id AND c.code = :compound AND b.code = :building
                        RETURNING b.id, b.code, c.code AS compound, b.latitude, b.longitude""")
                .bind("compound", compound).bind("building", building).bind("latitude", latitude).bind("longitude", longitude)
                .map(PlaceStore::building).one();
    }

    private static Building building(Readable row) {
        return new Building(row.get("id", UUID.class), row.get("compound", String.class), row.get("code", String.class),
                row.get("latitude", Double.class), row.get("longitude", Double.class));
    }

    Flux<Chief> chiefsOf(UUID grid) {
        return database.sql("""
                        SELECT gc.member_id, m.name, gc.kind, gc.answers_for FROM grid_chief gc
                        JOIN member m ON m.id = gc.member_id
                        WHERE gc.grid_id = :grid ORDER BY gc.kind, m.name""")
                .bind("grid", grid)
                .map(row -> new Chief(row.get("member_id", UUID.class), row.get("name", String.class),
                        row.get("kind", String.class), row.get("answers_for", String.class)))
                .all();
    }

    Mono<UUID> gridId(String code) {
        return database.sql("SELECT id FROM grid WHERE code = :code").bind("code", code)
                .map(row -> row.get("id", UUID.class)).one();
    }

    /** Gives the member a post in the grid (grid worker or one of the five chiefs); false when they had it. */
    Mono<Boolean> assignPost(UUID grid, UUID member, String kind, String answersFor) {
        return database.sql("""
                        INSERT INTO grid_chief (grid_id, member_id, kind, answers_for) VALUES (:grid, :member, :kind, :what)
                        ON CONFLICT (grid_id, member_id, kind) DO UPDATE SET answers_for = :what""")
                .bind("grid", grid).bind("member", member).bind("kind", kind).bind("what", answersFor)
                .fetch().rowsUpdated().map(rows -> rows == 1);
    }

    Mono<Boolean> removePost(UUID grid, UUID member, String kind) {
        return database.sql("DELETE FROM grid_chief WHERE grid_id = :grid AND member_id = :member AND kind = :kind")
                .bind("grid", grid).bind("member", member).bind("kind", kind).fetch().rowsUpdated().map(rows -> rows == 1);
    }

    Flux<Compound> compounds() {
        return database.sql("""
                        SELECT c.id, c.code, c.name_zh, c.name_en, count(b.id) AS buildings
                        FROM compound c LEFT JOIN building b ON b.compound_id = c.id
                        GROUP BY c.id ORDER BY c.code""")
                .map(row -> new Compound(row.get("id", UUID.class), row.get("code", String.class),
                        row.get("name_zh", String.class), row.get("name_en", String.class),
                        row.get("buildings", Long.class)))
                .all();
    }

    Flux<Unit> unitsOf(String compound) {
        return database.sql("""
                        SELECT u.id, b.code AS building, u.code FROM unit u
                        JOIN building b ON b.id = u.building_id JOIN compound c ON c.id = b.compound_id
                        WHERE c.code = :code ORDER BY b.code, u.code""")
                .bind("code", compound)
                .map(row -> new Unit(row.get("id", UUID.class), compound, row.get("building", String.class),
                        row.get("code", String.class)))
                .all();
    }

    Flux<Organisation> organisations() {
        return database.sql("""
                        SELECT o.id, o.code, o.kind, o.name_zh, o.name_en, p.code AS parent, g.code AS grid
                        FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id
                        LEFT JOIN grid g ON g.id = o.grid_id ORDER BY o.code""")
                .map(row -> new Organisation(row.get("id", UUID.class), row.get("code", String.class),
                        row.get("kind", String.class), row.get("name_zh", String.class), row.get("name_en", String.class),
                        row.get("parent", String.class), row.get("grid", String.class)))
                .all();
    }
}
