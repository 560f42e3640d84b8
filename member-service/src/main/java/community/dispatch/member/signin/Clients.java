package community.dispatch.member.signin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import community.dispatch.errors.DomainException;
import community.dispatch.member.people.Hashing;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Machine clients (municipal systems) registered by admins; their secrets are kept only as hashes. */
@Component
public class Clients {

    public static final String MUNICIPAL_SYSTEM = "MUNICIPAL_SYSTEM";

    private final DatabaseClient database;
    private final PasswordEncoder passwords;
    private final String noSuchClient;

    public Clients(DatabaseClient database, PasswordEncoder passwords) {
        this.database = database;
        this.passwords = passwords;
        this.noSuchClient = passwords.encode(Secrets.token());
    }

    /** Registers a client; the secret is in the answer and nowhere else. */
    public Mono<RegisteredClient> register(String name) {
        String clientId = "municipal-" + Secrets.token().substring(0, 12).toLowerCase();
        String secret = Secrets.token();
        return Hashing.encode(passwords, secret)
                .flatMap(hash -> database.sql("INSERT INTO oauth_client (client_id, name, secret_hash, roles) VALUES (:id, :name, :hash, :roles)")
                        .bind("id", clientId).bind("name", name).bind("hash", hash)
                        .bind("roles", new String[] { MUNICIPAL_SYSTEM })
                        .fetch().rowsUpdated())
                .thenReturn(new RegisteredClient(clientId, name, secret, Set.of(MUNICIPAL_SYSTEM), null));
    }

    public Flux<RegisteredClient> list() {
        return database.sql("SELECT client_id, name, roles, created_at FROM oauth_client WHERE active ORDER BY created_at")
                .map(row -> new RegisteredClient(row.get("client_id", String.class), row.get("name", String.class), null,
                        Arrays.stream(row.get("roles", String[].class)).collect(Collectors.toSet()),
                        row.get("created_at", OffsetDateTime.class)))
                .all();
    }

    /** The client's roles if the secret is right; otherwise a 401 that says nothing more. */
    public Mono<Set<String>> authenticate(String clientId, String secret) {
        return database.sql("SELECT secret_hash, roles FROM oauth_client WHERE client_id = :id AND active")
                .bind("id", clientId)
                .map(row -> new Stored(row.get("secret_hash", String.class), row.get("roles", String[].class)))
                .one()
                .filterWhen(stored -> Hashing.matches(passwords, secret, stored.hash()))
                .map(stored -> Arrays.stream(stored.roles()).collect(Collectors.toSet()))
                .switchIfEmpty(Mono.defer(() -> Hashing.matches(passwords, secret, noSuchClient)
                        .then(Mono.error(DomainException.unauthenticated("invalid-client",
                                "Unknown client or wrong secret.", Map.of("error", "invalid_client"))))));
    }

    public record RegisteredClient(@Schema(example = "hotline-12345-7f3a") String clientId,
            @Schema(example = "12345 hotline platform") String name,
            @Schema(example = "s3cr3t-Qm9uZ0x5UmFuZG9t", description = "Only in the answer to registering; never shown again") String clientSecret,
            @Schema(example = "[\"MUNICIPAL_SYSTEM\"]") Set<String> roles, OffsetDateTime createdAt) {
    }

    private record Stored(String hash, String[] roles) {
    }
}
