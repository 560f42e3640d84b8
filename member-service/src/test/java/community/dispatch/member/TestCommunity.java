package community.dispatch.member;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.springframework.r2dbc.core.DatabaseClient;

/** Grids and households written straight into the database, for tests that need homes somewhere. */
final class TestCommunity {

    private TestCommunity() {
    }

    /** A new grid with a code that starts with the prefix: its id. */
    static UUID grid(DatabaseClient database, String code) {
        UUID grid = UUID.randomUUID();
        database.sql("INSERT INTO grid (id, code, name_zh, name_en) VALUES (:id, :code, '測試網格', 'Test grid')")
                .bind("id", grid).bind("code", code).fetch().rowsUpdated().block();
        return grid;
    }

    /** A grid code no other test uses. */
    static String newGridCode(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 100_000, 36).toUpperCase();
    }

    /** Households (units) in one new building of a new compound in the grid. */
    static List<UUID> households(DatabaseClient database, UUID grid, int count) {
        UUID compound = UUID.randomUUID();
        UUID building = UUID.randomUUID();
        database.sql("INSERT INTO compound (id, code, name_zh, name_en) VALUES (:id, :code, '測試小區', 'Test compound')")
                .bind("id", compound).bind("code", "T-" + compound).fetch().rowsUpdated().block();
        database.sql("INSERT INTO building (id, compound_id, grid_id, code) VALUES (:id, :compound, :grid, '1')")
                .bind("id", building).bind("compound", compound).bind("grid", grid).fetch().rowsUpdated().block();
        return IntStream.range(0, count).mapToObj(i -> {
            UUID unit = UUID.randomUUID();
            database.sql("INSERT INTO unit (id, building_id, code) VALUES (:id, :building, :code)")
                    .bind("id", unit).bind("building", building).bind("code", "U" + i).fetch().rowsUpdated().block();
            return unit;
        }).toList();
    }
}
