package community.dispatch.member.signin;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * The SQL of the client addresses an account signed in from ({@code sign_in_known_address}): its owner's, which a
 * password-guessing attack on the account never slows ({@link SignInThrottle}).
 */
@Component
@RequiredArgsConstructor
class KnownAddressStore {

    private final DatabaseClient database;

    Mono<Boolean> known(String username, String address, Instant since) {
        return database.sql("""
                        SELECT EXISTS (SELECT 1 FROM sign_in_known_address
                                       WHERE username = :username AND address = :address AND last_success_at > :since) AS known""")
                .bind("username", username).bind("address", address).bind("since", since)
                .map(row -> Boolean.TRUE.equals(row.get("known", Boolean.class))).one();
    }

    Mono<Void> remember(String username, String address, Instant at) {
        return database.sql("""
                        INSERT INTO sign_in_known_address (username, address, last_success_at) VALUES (:username, :address, :at)
                        ON CONFLICT (username, address) DO UPDATE SET last_success_at = excluded.last_success_at""")
                .bind("username", username).bind("address", address).bind("at", at).fetch().rowsUpdated().then();
    }
}
