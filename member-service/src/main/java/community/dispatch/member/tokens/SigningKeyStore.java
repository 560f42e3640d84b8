package community.dispatch.member.tokens;

import java.time.Instant;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code signing_key}: the keys tokens are signed with, sealed. */
@Component
@RequiredArgsConstructor
class SigningKeyStore {

    /** A stored signing key (JSON Web Key, private part included) and when it was made. */
    record StoredKey(String jwk, Instant createdAt) {
    }

    private final DatabaseClient database;

    /** Serialises signing-key creation across instances for the rest of the transaction. */
    Mono<Void> lockSigningKeys() {
        return database.sql("SELECT pg_advisory_xact_lock(hashtext('dispatch.signing_key'))").fetch().rowsUpdated().then();
    }

    /** The keys not retired (the one signing, and a successor published ahead of its turn): newest first. */
    Flux<StoredKey> unretiredSigningKeys() {
        return database.sql("SELECT jwk, created_at FROM signing_key WHERE retired_at IS NULL ORDER BY created_at DESC")
                .map(row -> new StoredKey(row.get("jwk", String.class), row.get("created_at", Instant.class)))
                .all();
    }

    /** Retires the keys in use and stores a new one, made at {@code now}. */
    Mono<Void> replaceSigningKey(String kid, String jwk, Instant now) {
        return retireSigningKeysBefore(now, now).then(addSigningKey(kid, jwk, now));
    }

    /** Stores a key made at {@code now}, published from now on; the keys in use stay. */
    Mono<Void> addSigningKey(String kid, String jwk, Instant now) {
        return database.sql("INSERT INTO signing_key (kid, jwk, created_at) VALUES (:kid, :jwk, :now)")
                .bind("kid", kid).bind("jwk", jwk).bind("now", now)
                .fetch().rowsUpdated().then();
    }

    /** Retires, as of {@code now}, the keys in use made before {@code madeBefore}. */
    Mono<Void> retireSigningKeysBefore(Instant madeBefore, Instant now) {
        return database.sql("UPDATE signing_key SET retired_at = :now WHERE retired_at IS NULL AND created_at < :before")
                .bind("now", now).bind("before", madeBefore)
                .fetch().rowsUpdated().then();
    }

    /** Every stored key, as stored: kid and (sealed, or plain from an earlier version) jwk. */
    Flux<Map.Entry<String, String>> signingKeys() {
        return database.sql("SELECT kid, jwk FROM signing_key")
                .map(row -> Map.entry(row.get("kid", String.class), row.get("jwk", String.class)))
                .all();
    }

    Mono<Void> rewriteSigningKey(String kid, String jwk) {
        return database.sql("UPDATE signing_key SET jwk = :jwk WHERE kid = :kid").bind("kid", kid).bind("jwk", jwk)
                .fetch().rowsUpdated().then();
    }

    /** Keys in use, and keys retired after {@code retiredAfter}: newest first. */
    Flux<String> publishedSigningKeys(Instant retiredAfter) {
        return database.sql("""
                        SELECT jwk FROM signing_key WHERE retired_at IS NULL OR retired_at > :after
                        ORDER BY created_at DESC""")
                .bind("after", retiredAfter)
                .map(row -> row.get("jwk", String.class))
                .all();
    }
}
