package community.dispatch.request.requests;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL of the registered municipal systems ({@code municipal_system}). */
@Component
@RequiredArgsConstructor
class MunicipalSystemStore {

    private final DatabaseClient database;

    /** Records a registration; registering the same client again changes nothing. */
    Mono<Void> register(String clientId, String name, Instant at) {
        return database.sql("""
                        INSERT INTO municipal_system (client_id, name, registered_at) VALUES (:id, :name, :at)
                        ON CONFLICT (client_id) DO NOTHING""")
                .bind("id", clientId).bind("name", name).bind("at", at).fetch().rowsUpdated().then();
    }

    Mono<Void> retire(String clientId) {
        return database.sql("DELETE FROM municipal_system WHERE client_id = :id").bind("id", clientId).fetch().rowsUpdated().then();
    }

    Mono<Boolean> isRegistered(String clientId) {
        return database.sql("SELECT 1 FROM municipal_system WHERE client_id = :id").bind("id", clientId)
                .map(row -> true).one().defaultIfEmpty(false);
    }
}
