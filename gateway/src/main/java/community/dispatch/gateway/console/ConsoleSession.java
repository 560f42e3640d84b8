package community.dispatch.gateway.console;

import java.time.Instant;

/**
 * A console sign-in as the gateway keeps it for the browser: the member's access token, its expiry and the
 * refresh token that renews it. It only ever travels sealed ({@link SessionCookie}); the browser never reads it.
 */
record ConsoleSession(String accessToken, String refreshToken, Instant accessExpiresAt) {

    /** Whether the access token has ended by {@code instant}. */
    boolean endsBefore(Instant instant) {
        return !accessExpiresAt.isAfter(instant);
    }
}
