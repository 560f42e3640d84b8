package community.dispatch.request;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import community.dispatch.testing.TestTokensConfiguration;

/** Tokens for the people of the request tests: residents and grid workers of grid G01 or G02, staff. */
final class People {

    private People() {
    }

    record Person(UUID id, String token) {
    }

    static Person resident(String grid) {
        UUID id = UUID.randomUUID();
        return new Person(id, TestTokensConfiguration.TOKENS.token(id.toString(),
                Map.of("grid", grid, "compound", "C01"), "RESIDENT"));
    }

    /** A grid worker serving the grid (staff assigned them), who lives in another one. */
    static Person gridWorker(String grid) {
        return gridWorker(grid, "G09");
    }

    static Person gridWorker(String served, String home) {
        UUID id = UUID.randomUUID();
        return new Person(id, TestTokensConfiguration.TOKENS.token(id.toString(),
                Map.of("grid", home, "compound", "C01", "grids", List.of(served)), "GRID_WORKER"));
    }

    static Person staff() {
        UUID id = UUID.randomUUID();
        return new Person(id, TestTokensConfiguration.TOKENS.token(id.toString(), "STAFF"));
    }

    static Person admin() {
        UUID id = UUID.randomUUID();
        return new Person(id, TestTokensConfiguration.TOKENS.token(id.toString(), "ADMIN"));
    }
}
