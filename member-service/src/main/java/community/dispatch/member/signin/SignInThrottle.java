package community.dispatch.member.signin;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.errors.Throttled;
import reactor.core.publisher.Mono;

/**
 * Failed sign-ins per identity (a phone or a username), kept in the database so every instance sees
 * them. Too many within the window lock the identity until the oldest failure ages out.
 */
@Component
public class SignInThrottle {

    private final DatabaseClient database;
    private final SignInProperties properties;

    public SignInThrottle(DatabaseClient database, SignInProperties properties) {
        this.database = database;
        this.properties = properties;
    }

    /** Fails with 429 (and the seconds to wait) while the identity is locked. */
    public Mono<Void> requireNotLocked(String identity) {
        return database.sql("""
                        SELECT count(*) AS failures, min(failed_at) AS oldest FROM sign_in_failure
                        WHERE identity = :identity AND failed_at > now() - make_interval(secs => :window)""")
                .bind("identity", identity)
                .bind("window", properties.window().toSeconds())
                .map(row -> new Window(row.get("failures", Long.class), row.get("oldest", OffsetDateTime.class)))
                .one()
                .flatMap(window -> window.failures() >= properties.failuresBeforeLockout()
                        ? Mono.error(locked(window))
                        : Mono.empty());
    }

    public Mono<Void> recordFailure(String identity) {
        return database.sql("INSERT INTO sign_in_failure (identity) VALUES (:identity)")
                .bind("identity", identity).fetch().rowsUpdated().then();
    }

    public Mono<Void> clear(String identity) {
        return database.sql("DELETE FROM sign_in_failure WHERE identity = :identity")
                .bind("identity", identity).fetch().rowsUpdated().then();
    }

    private Throttled locked(Window window) {
        long retryAfter = Math.max(1, Duration.between(OffsetDateTime.now(),
                window.oldest().plus(properties.window())).toSeconds());
        return tooMany("signin-locked", "Too many failed sign-ins; try again in " + retryAfter + " s.", retryAfter);
    }

    static Throttled tooMany(String code, String detail, long retryAfterSeconds) {
        return new Throttled(code, detail, Duration.ofSeconds(retryAfterSeconds));
    }

    private record Window(long failures, OffsetDateTime oldest) {
    }
}
