package community.dispatch.request.open311;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL of Open311 api_keys ({@code open311_api_key}); keys are kept as their SHA-256 only. */
@Component
@RequiredArgsConstructor
class ApiKeyStore {

    private final DatabaseClient database;

    Mono<Void> insert(UUID id, String clientId, String hash, String hint, Instant at, String by) {
        return database.sql("""
                        INSERT INTO open311_api_key (id, client_id, key_hash, key_hint, created_at, created_by)
                        VALUES (:id, :client, :hash, :hint, :at, :by)""")
                .bind("id", id).bind("client", clientId).bind("hash", hash).bind("hint", hint).bind("at", at).bind("by", by)
                .fetch().rowsUpdated().then();
    }

    /** The name of the registered (not retired) municipal system with this client id. */
    Mono<String> registeredSystem(String clientId) {
        return database.sql("SELECT name FROM municipal_system WHERE client_id = :id").bind("id", clientId)
                .map(row -> row.get("name", String.class)).one();
    }

    /** The client whose live key has this hash, while its system is registered. */
    Mono<String> clientOf(String hash) {
        return database.sql("""
                        SELECT k.client_id FROM open311_api_key k JOIN municipal_system m ON m.client_id = k.client_id
                        WHERE k.key_hash = :hash AND k.revoked_at IS NULL""")
                .bind("hash", hash).map(row -> row.get("client_id", String.class)).one();
    }

    Flux<IssuedKey> all() {
        return database.sql("""
                        SELECT k.*, m.name FROM open311_api_key k LEFT JOIN municipal_system m ON m.client_id = k.client_id
                        ORDER BY k.created_at DESC""")
                .map(ApiKeyStore::read).all();
    }

    Mono<IssuedKey> find(UUID id) {
        return database.sql("""
                        SELECT k.*, m.name FROM open311_api_key k LEFT JOIN municipal_system m ON m.client_id = k.client_id
                        WHERE k.id = :id""")
                .bind("id", id).map(ApiKeyStore::read).one();
    }

    /** Revokes a live key; answers whether one was. */
    Mono<Boolean> revoke(UUID id, Instant at) {
        return database.sql("UPDATE open311_api_key SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .bind("id", id).bind("at", at).fetch().rowsUpdated().map(updated -> updated == 1);
    }

    private static IssuedKey read(Readable row) {
        return new IssuedKey(row.get("id", UUID.class), row.get("client_id", String.class), row.get("name", String.class),
                row.get("key_hint", String.class), row.get("created_at", Instant.class), row.get("revoked_at", Instant.class));
    }
}
