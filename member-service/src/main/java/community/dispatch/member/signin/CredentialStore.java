package community.dispatch.member.signin;

import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * The SQL over sign-in's columns of {@code member}: the password hash, and whether the member must change their
 * password. The rest of the row is the register's ({@code MemberStore}).
 */
@Component
@RequiredArgsConstructor
class CredentialStore {

    /** An active member's password hash (null for code-only members), and whether it must change first. */
    record Credentials(UUID memberId, String passwordHash, boolean passwordChangeRequired) {
    }

    private final DatabaseClient database;

    /** The active member with this username, and their password. */
    Mono<Credentials> ofActiveUsername(String username) {
        return database.sql("SELECT id, password_hash, password_change_required FROM member WHERE username = :username AND active")
                .bind("username", username)
                .map(row -> new Credentials(row.get("id", UUID.class), row.get("password_hash", String.class),
                        Boolean.TRUE.equals(row.get("password_change_required", Boolean.class))))
                .one();
    }

    /** The active member's password hash (empty for code-only members). */
    Mono<String> passwordHashOf(UUID memberId) {
        return database.sql("SELECT password_hash FROM member WHERE id = :id AND active").bind("id", memberId)
                .map(row -> Optional.ofNullable(row.get("password_hash", String.class))).one()
                .flatMap(Mono::justOrEmpty);
    }

    /** Sets the member's own new password, which ends any demand to change it. */
    Mono<Void> setPasswordHash(UUID memberId, String hash) {
        return database.sql("UPDATE member SET password_hash = :hash, password_change_required = false WHERE id = :id")
                .bind("id", memberId).bind("hash", hash).fetch().rowsUpdated().then();
    }

    /** The member must replace their password at the next sign-in (someone else chose or saw it). */
    Mono<Void> requirePasswordChange(UUID memberId) {
        return database.sql("UPDATE member SET password_change_required = true WHERE id = :id").bind("id", memberId)
                .fetch().rowsUpdated().then();
    }
}
