package community.dispatch.member.signin;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code sign_in_failure}: failed sign-in attempts, per identity. */
@Component
@RequiredArgsConstructor
class FailureStore {

    /** Failures of an identity within a window: how many, the oldest and the newest (null without any). */
    record Failures(long count, Instant oldest, Instant newest) {
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

}
