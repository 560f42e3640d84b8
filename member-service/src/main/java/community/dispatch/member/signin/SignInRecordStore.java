package community.dispatch.member.signin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * The SQL of what sign-in keeps besides codes and tokens: failed attempts ({@code sign_in_failure}),
 * the SMS sandbox's messages ({@code sms_message}), machine clients ({@code oauth_client}) and the
 * signing keys ({@code signing_key}).
 */
@Component
@RequiredArgsConstructor
class SignInRecordStore {

    /** Failures of an identity within a window: how many, the oldest and the newest (null without any). */
    record Failures(long count, Instant oldest, Instant newest) {
    }

    /** A client's secret hash and roles. */
    record ClientSecret(String hash, Set<String> roles) {
    }

    /** A stored signing key (JSON Web Key, private part included) and when it was made. */
    record StoredKey(String jwk, Instant createdAt) {
    }

    private final DatabaseClient database;

    Mono<Failures> failuresSince(String identity, Instant since) {
        return database.sql("""
                        SELECT count(*) AS failures, min(failed_at) AS oldest, max(failed_at) AS newest FROM sign_in_failure
                        WHERE identity = :identity AND failed_at > :since""")
                .bind("identity", identity).bind("since", since)
                .map(row -> new Failures(row.get("failures", Long.class), row.get("oldest", Instant.class),
                        row.get("newest", Instant.class)))
                .one();
    }

    /**
     * Makes concurrent attempts on the identity wait for one another until the transaction ends, so no
     * burst of parallel guesses gets past the limits; call it inside a transaction.
     */
    Mono<Void> lockIdentity(String identity) {
        return database.sql("SELECT pg_advisory_xact_lock(hashtextextended(:identity, 0))").bind("identity", identity)
                .map(row -> true).first().then();
    }

    /** Clears the failures of every identity that starts so: a user's lockouts from all clients. */
    Mono<Long> clearFailuresStartingWith(String prefix) {
        return database.sql("DELETE FROM sign_in_failure WHERE starts_with(identity, :prefix)")
                .bind("prefix", prefix).fetch().rowsUpdated();
    }

    Mono<Void> recordFailure(String identity, Instant at) {
        return database.sql("INSERT INTO sign_in_failure (identity, failed_at) VALUES (:identity, :at)")
                .bind("identity", identity).bind("at", at).fetch().rowsUpdated().then();
    }

    /** Forgets the one failure of the identity recorded at {@code at}. */
    Mono<Void> clearFailure(String identity, Instant at) {
        return database.sql("DELETE FROM sign_in_failure WHERE identity = :identity AND failed_at = :at")
                .bind("identity", identity).bind("at", at).fetch().rowsUpdated().then();
    }

    Mono<Void> clearFailures(String identity) {
        return database.sql("DELETE FROM sign_in_failure WHERE identity = :identity")
                .bind("identity", identity).fetch().rowsUpdated().then();
    }

    Mono<Void> keepMessage(String phone, String text, Instant at) {
        return database.sql("INSERT INTO sms_message (id, phone, text, sent_at) VALUES (:id, :phone, :text, :at)")
                .bind("id", UUID.randomUUID()).bind("phone", phone).bind("text", text).bind("at", at)
                .fetch().rowsUpdated().then();
    }

    /** The newest messages first, optionally for one phone. */
    Flux<SmsSandbox.Message> messages(String phone, int limit) {
        Map<String, Object> values = new HashMap<>(Map.of("limit", limit));
        values.put("phone", Parameter.fromOrEmpty(phone, String.class));
        return database.sql("""
                        SELECT id, phone, text, sent_at FROM sms_message
                        WHERE CAST(:phone AS text) IS NULL OR phone = :phone ORDER BY sent_at DESC LIMIT :limit""")
                .bindValues(values)
                .map(row -> new SmsSandbox.Message(row.get("id", UUID.class), row.get("phone", String.class),
                        row.get("text", String.class), row.get("sent_at", OffsetDateTime.class)))
                .all();
    }

    Mono<Void> insertClient(String clientId, String name, String secretHash, List<String> roles) {
        return database.sql("INSERT INTO oauth_client (client_id, name, secret_hash, roles) VALUES (:id, :name, :hash, :roles)")
                .bind("id", clientId).bind("name", name).bind("hash", secretHash).bind("roles", roles.toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    /** Whether an active client was retired. */
    Mono<Boolean> retireClient(String clientId) {
        return database.sql("UPDATE oauth_client SET active = false WHERE client_id = :id AND active").bind("id", clientId)
                .fetch().rowsUpdated().map(updated -> updated > 0);
    }

    Flux<Clients.RegisteredClient> activeClients() {
        return database.sql("SELECT client_id, name, roles, created_at FROM oauth_client WHERE active ORDER BY created_at")
                .map(row -> new Clients.RegisteredClient(row.get("client_id", String.class), row.get("name", String.class), null,
                        Arrays.stream(row.get("roles", String[].class)).collect(Collectors.toSet()),
                        row.get("created_at", OffsetDateTime.class)))
                .all();
    }

    Mono<ClientSecret> activeClient(String clientId) {
        return database.sql("SELECT secret_hash, roles FROM oauth_client WHERE client_id = :id AND active")
                .bind("id", clientId)
                .map(row -> new ClientSecret(row.get("secret_hash", String.class),
                        Arrays.stream(row.get("roles", String[].class)).collect(Collectors.toSet())))
                .one();
    }

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
