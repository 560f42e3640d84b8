package community.dispatch.request;

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

    static Person gridWorker(String grid) {
        UUID id = UUID.randomUUID();
        return new Person(id, TestTokensConfiguration.TOKENS.token(id.toString(),
                Map.of("grid", grid, "compound", "C01"), "GRID_WORKER"));
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
