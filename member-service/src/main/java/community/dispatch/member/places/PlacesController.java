package community.dispatch.member.places;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import community.dispatch.errors.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * The community's places and organisations, read-only: compounds (小區) with their buildings and
 * units, grids (網格) with their buildings and five chiefs, and the organisations.
 */
@RestController
@Tag(name = "Places and organisations", description = "Compounds, buildings and units; grids and their five chiefs; the party organisation and the four-in-one bodies")
class PlacesController {

    private final DatabaseClient database;

    PlacesController(DatabaseClient database) {
        this.database = database;
    }

    @GetMapping("/api/v1/grids")
    @Operation(summary = "All grids")
    Mono<List<Grid>> grids() {
        return database.sql("""
                        SELECT g.id, g.code, g.name_zh, g.name_en, count(b.id) AS buildings
                        FROM grid g LEFT JOIN building b ON b.grid_id = g.id
                        GROUP BY g.id ORDER BY g.code""")
                .map(row -> new Grid(row.get("id", UUID.class), row.get("code", String.class),
                        row.get("name_zh", String.class), row.get("name_en", String.class),
                        row.get("buildings", Long.class)))
                .all().collectList();
    }

    @GetMapping("/api/v1/grids/{code}")
    @Operation(summary = "One grid with its buildings and five chiefs")
    Mono<GridDetail> grid(@PathVariable String code) {
        Mono<Grid> grid = grids().flatMapIterable(all -> all).filter(g -> g.code().equals(code)).next()
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("grid-not-found",
                        "There is no grid " + code + ".")));
        return grid.flatMap(found -> Mono.zip(
                database.sql("""
                                SELECT b.id, b.code, c.code AS compound FROM building b JOIN compound c ON c.id = b.compound_id
                                WHERE b.grid_id = :grid ORDER BY c.code, b.code""")
                        .bind("grid", found.id())
                        .map(row -> new Building(row.get("id", UUID.class), row.get("compound", String.class),
                                row.get("code", String.class)))
                        .all().collectList(),
                database.sql("""
                                SELECT gc.member_id, m.name, gc.kind, gc.answers_for FROM grid_chief gc
                                JOIN member m ON m.id = gc.member_id
                                WHERE gc.grid_id = :grid ORDER BY gc.kind, m.name""")
                        .bind("grid", found.id())
                        .map(row -> new Chief(row.get("member_id", UUID.class), row.get("name", String.class),
                                row.get("kind", String.class), row.get("answers_for", String.class)))
                        .all().collectList())
                .map(parts -> new GridDetail(found, parts.getT1(), parts.getT2())));
    }

    @GetMapping("/api/v1/places/compounds")
    @Operation(summary = "All compounds (小區)")
    Mono<List<Compound>> compounds() {
        return database.sql("""
                        SELECT c.id, c.code, c.name_zh, c.name_en, count(b.id) AS buildings
                        FROM compound c LEFT JOIN building b ON b.compound_id = c.id
                        GROUP BY c.id ORDER BY c.code""")
                .map(row -> new Compound(row.get("id", UUID.class), row.get("code", String.class),
                        row.get("name_zh", String.class), row.get("name_en", String.class),
                        row.get("buildings", Long.class)))
                .all().collectList();
    }

    @GetMapping("/api/v1/places/compounds/{code}/units")
    @Operation(summary = "The units (households) of a compound", description = "What a home or a visit refers to.")
    Mono<List<Unit>> units(@PathVariable String code) {
        return database.sql("""
                        SELECT u.id, b.code AS building, u.code FROM unit u
                        JOIN building b ON b.id = u.building_id JOIN compound c ON c.id = b.compound_id
                        WHERE c.code = :code ORDER BY b.code, u.code""")
                .bind("code", code)
                .map(row -> new Unit(row.get("id", UUID.class), code, row.get("building", String.class),
                        row.get("code", String.class)))
                .all().collectList();
    }

    @GetMapping("/api/v1/organisations")
    @Operation(summary = "All organisations", description = "The party general branch, property-company and grid branches, and the four-in-one bodies.")
    Mono<List<Organisation>> organisations() {
        return database.sql("""
                        SELECT o.id, o.code, o.kind, o.name_zh, o.name_en, p.code AS parent, g.code AS grid
                        FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id
                        LEFT JOIN grid g ON g.id = o.grid_id ORDER BY o.code""")
                .map(row -> new Organisation(row.get("id", UUID.class), row.get("code", String.class),
                        row.get("kind", String.class), row.get("name_zh", String.class), row.get("name_en", String.class),
                        row.get("parent", String.class), row.get("grid", String.class)))
                .all().collectList();
    }

    record Grid(UUID id, @Schema(example = "G01") String code, @Schema(example = "第一網格") String nameZh,
            @Schema(example = "Grid 1") String nameEn, @Schema(example = "12") long buildings) {
    }

    record GridDetail(Grid grid, List<Building> buildings, List<Chief> chiefs) {
    }

    record Building(UUID id, @Schema(example = "C01") String compound, @Schema(example = "1") String code) {
    }

    record Chief(UUID memberId, @Schema(example = "周麗") String name, @Schema(example = "GRID") String kind,
            @Schema(example = "網格 G01") String answersFor) {
    }

    record Compound(UUID id, @Schema(example = "C01") String code, @Schema(example = "相橋花園") String nameZh,
            @Schema(example = "Xiangqiao Garden") String nameEn, @Schema(example = "6") long buildings) {
    }

    record Unit(UUID id, @Schema(example = "C05") String compound, @Schema(example = "5") String building,
            @Schema(example = "301") String code) {
    }

    record Organisation(UUID id, @Schema(example = "PARTY-G01") String code, @Schema(example = "GRID_PARTY_BRANCH") String kind,
            @Schema(example = "第一網格黨支部") String nameZh, @Schema(example = "Grid 1 party branch") String nameEn,
            @Schema(example = "PARTY-PROPERTY") String parent, @Schema(example = "G01") String grid) {
    }
}
