package community.dispatch.request.open311;

import java.time.Instant;
import java.util.UUID;

/** A key as admins see it: never the key itself, only its last characters. */
record IssuedKey(UUID id, String clientId, String systemName, String hint, Instant createdAt, Instant revokedAt) {
}
