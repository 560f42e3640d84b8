package community.dispatch.member.clients;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code oauth_client}: the machine clients admins registered. */
@Component
@RequiredArgsConstructor
class ClientStore {

    /** A client's secret hash and roles. */
    record ClientSecret(String hash, Set<String> roles) {
    }

    private final DatabaseClient database;

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

}
