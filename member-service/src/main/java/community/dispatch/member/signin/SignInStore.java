package community.dispatch.member.signin;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.web.language.Language;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * The SQL of signing in: one-time codes sent by SMS ({@code login_code}) and refresh tokens
 * ({@code refresh_token}), stored as hashes only. Each method runs in the caller's transaction.
 */
@Component
@RequiredArgsConstructor
class SignInStore {

    /** The newest code of a phone that is not used and not expired. */
    record LiveCode(UUID id, String hash, int attempts) {
    }

    /** A refresh token as stored: its family (one sign-in), its member, whether it may still be used, and when the sign-in ends. */
    record StoredRefresh(UUID familyId, UUID memberId, boolean spent, boolean expired, Instant expiresAt) {
    }

    private final DatabaseClient database;

    /** Notes a request for a code (member or not), forgets the phone's requests before {@code since}, and answers how many remain. */
    /** Counts a code request in the bucket ('phone:…', 'address:…', 'all'): the bucket's requests since {@code since}, this one included. */
    Mono<Long> countCodeRequest(String bucket, Instant at, Instant since) {
        return database.sql("DELETE FROM code_request WHERE bucket = :bucket AND requested_at <= :since")
                .bind("bucket", bucket).bind("since", since).fetch().rowsUpdated()
                .then(database.sql("INSERT INTO code_request (bucket, requested_at) VALUES (:bucket, :at)")
                        .bind("bucket", bucket).bind("at", at).fetch().rowsUpdated())
                .then(database.sql("SELECT count(*) AS recent FROM code_request WHERE bucket = :bucket")
                        .bind("bucket", bucket).map(row -> row.get("recent", Long.class)).one());
    }

    /** A code request to send (a member's or anyone's: the sender tells them apart). */
    Mono<Void> queueCode(String phone, Language language, Instant at) {
        return database.sql("INSERT INTO code_delivery (id, phone, language, requested_at) VALUES (:id, :phone, :language, :at)")
                .bind("id", UUID.randomUUID()).bind("phone", phone).bind("language", language.name()).bind("at", at)
                .fetch().rowsUpdated().then();
    }

    /** Code requests waiting, oldest first, at most {@code limit}: claimed (skipping those another instance holds) and taken off the queue. */
    Flux<CodeDelivery> claimCodeDeliveries(int limit) {
        return database.sql("""
                        DELETE FROM code_delivery WHERE id IN (
                            SELECT id FROM code_delivery ORDER BY requested_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING phone, language""")
                .bind("limit", limit)
                .map(row -> new CodeDelivery(row.get("phone", String.class), Language.valueOf(row.get("language", String.class))))
                .all();
    }

    /** When the oldest code request that came in after {@code after} did; empty when none did. */
    Mono<Instant> codeDeliveryAfter(Instant after) {
        return database.sql("SELECT min(requested_at) AS oldest FROM code_delivery WHERE requested_at > :after").bind("after", after)
                .map(row -> Optional.ofNullable(row.get("oldest", Instant.class))).one().flatMap(Mono::justOrEmpty);
    }

    /** A code request taken off the queue. */
    record CodeDelivery(String phone, Language language) {
    }

    Mono<Void> insertCode(UUID id, String phone, String hash, Instant now, Instant expiresAt) {
        return database.sql("""
                        INSERT INTO login_code (id, phone, code_hash, created_at, expires_at)
                        VALUES (:id, :phone, :hash, :now, :expires)""")
                .bindValues(Map.of("id", id, "phone", phone, "hash", hash, "now", now, "expires", expiresAt))
                .fetch().rowsUpdated().then();
    }

    /** The phone's newest live code at {@code now}, locked. */
    Mono<LiveCode> lockLiveCode(String phone, Instant now) {
        return database.sql("""
                        SELECT id, code_hash, attempts FROM login_code
                        WHERE phone = :phone AND used_at IS NULL AND expires_at > :now
                        ORDER BY created_at DESC LIMIT 1
                        FOR UPDATE""")
                .bind("phone", phone).bind("now", now)
                .map(row -> new LiveCode(row.get("id", UUID.class), row.get("code_hash", String.class),
                        row.get("attempts", Integer.class)))
                .one();
    }

    Mono<Void> useCode(UUID id, Instant now) {
        return database.sql("UPDATE login_code SET used_at = :now WHERE id = :id").bind("id", id).bind("now", now)
                .fetch().rowsUpdated().then();
    }

    Mono<Void> countAttempt(UUID id) {
        return database.sql("UPDATE login_code SET attempts = attempts + 1 WHERE id = :id").bind("id", id)
                .fetch().rowsUpdated().then();
    }

    Mono<Void> insertRefresh(String hash, UUID familyId, UUID memberId, Instant expiresAt) {
        return database.sql("""
                        INSERT INTO refresh_token (token_hash, family_id, member_id, expires_at)
                        VALUES (:hash, :family, :member, :expires)""")
                .bindValues(Map.of("hash", hash, "family", familyId, "member", memberId, "expires", expiresAt))
                .fetch().rowsUpdated().then();
    }

    /** The refresh token with this hash, locked, as it stands at {@code now}. */
    Mono<StoredRefresh> lockRefresh(String hash, Instant now) {
        return database.sql("""
                        SELECT family_id, member_id, used_at IS NOT NULL OR revoked_at IS NOT NULL AS spent,
                               expires_at < :now AS expired, expires_at
                        FROM refresh_token WHERE token_hash = :hash FOR UPDATE""")
                .bind("hash", hash).bind("now", now)
                .map(row -> new StoredRefresh(row.get("family_id", UUID.class), row.get("member_id", UUID.class),
                        Boolean.TRUE.equals(row.get("spent", Boolean.class)),
                        Boolean.TRUE.equals(row.get("expired", Boolean.class)), row.get("expires_at", Instant.class)))
                .one();
    }

    Mono<Void> useRefresh(String hash, Instant now) {
        return database.sql("UPDATE refresh_token SET used_at = :now WHERE token_hash = :hash")
                .bind("hash", hash).bind("now", now).fetch().rowsUpdated().then();
    }

    Mono<Void> revokeFamily(UUID familyId, Instant now) {
        return database.sql("UPDATE refresh_token SET revoked_at = :now WHERE family_id = :family AND revoked_at IS NULL")
                .bind("family", familyId).bind("now", now).fetch().rowsUpdated().then();
    }

    /** Ends the member's sessions: every refresh token they hold is revoked. */
    Mono<Void> endSessions(UUID memberId) {
        return database.sql("UPDATE refresh_token SET revoked_at = now() WHERE member_id = :id AND revoked_at IS NULL")
                .bind("id", memberId).fetch().rowsUpdated().then();
    }
}
