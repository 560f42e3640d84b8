package community.dispatch.gateway.console;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A console sign-in as the gateway keeps it for the browser: the member's access token, its expiry and the
 * refresh token that renews it. It only ever travels sealed ({@link SessionCookie}); the browser never reads it.
 */
record ConsoleSession(String accessToken, String refreshToken, Instant accessExpiresAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Whether the access token has ended by {@code instant}. */
    boolean endsBefore(Instant instant) {
        return !accessExpiresAt.isAfter(instant);
    }

    /**
     * What the console's pages may know of the signed-in member, from the access token's own claims: who,
     * with which roles, serving which grids, until when. Enough to choose what to show; every service still
     * decides what the member may read and do.
     */
    Map<String, Object> summary() {
        String[] parts = accessToken.split("\\.");
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        return Map.of(
                "signedIn", true,
                "memberId", claims.path("sub").asString(""),
                "roles", strings(claims.path("roles")),
                "grids", strings(claims.path("grids")),
                "expiresAt", accessExpiresAt.toString());
    }

    private static List<String> strings(JsonNode array) {
        return array.isArray() ? array.valueStream().map(JsonNode::asString).toList() : List.of();
    }
}
