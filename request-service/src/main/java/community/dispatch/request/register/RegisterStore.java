package community.dispatch.request.register;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL of what request-service keeps of the register: municipal systems ({@code municipal_system}) and members ({@code member_register}). */
@Component
@RequiredArgsConstructor
class RegisterStore {

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

    /** Records a member's grid and whether they are active, as member-service last said. */
    Mono<Void> member(UUID memberId, String gridCode, boolean active) {
        return database.sql("""
                        INSERT INTO member_register (member_id, grid_code, active) VALUES (:id, :grid, :active)
                        ON CONFLICT (member_id) DO UPDATE SET grid_code = excluded.grid_code, active = excluded.active""")
                .bind("id", memberId).bind("grid", Parameter.fromOrEmpty(gridCode, String.class)).bind("active", active)
                .fetch().rowsUpdated().then();
    }

    Mono<Void> deactivated(UUID memberId) {
        return database.sql("UPDATE member_register SET active = false WHERE member_id = :id").bind("id", memberId)
                .fetch().rowsUpdated().then();
    }

    /** The grid of an active member (empty string for one whose grid is not known); empty when not an active member. */
    Mono<String> gridOfActive(UUID memberId) {
        return database.sql("SELECT coalesce(grid_code, '') AS grid FROM member_register WHERE member_id = :id AND active")
                .bind("id", memberId).map(row -> row.get("grid", String.class)).one();
    }

    Mono<Boolean> isRegistered(String clientId) {
        return database.sql("SELECT 1 FROM municipal_system WHERE client_id = :id").bind("id", clientId)
                .map(row -> true).one().defaultIfEmpty(false);
    }
}
