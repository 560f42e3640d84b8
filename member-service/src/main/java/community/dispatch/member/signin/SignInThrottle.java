package community.dispatch.member.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.Throttled;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * Failed sign-ins per identity (a phone; a username from one client address), kept in the database so
 * every instance sees them. Too many within the window lock the identity until the oldest failure ages
 * out; attempts while locked count too, so a client that keeps guessing stays locked.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class SignInThrottle {

    private final SignInRecordStore store;
    private final SignInProperties properties;
    private final Clock clock;
    private final TransactionalOperator transactions;

    /**
     * Counts an attempt against the identity before its secret is checked, atomically: fails with 429
     * if it would be one more than the limit allows. A successful attempt then calls {@link #clear}.
     */
    public Mono<Void> attempt(String identity) {
        Instant now = clock.instant();
        return transactions.transactional(store.recordAttempt(identity, now, now.minus(properties.window())))
                .flatMap(failures -> failures.count() > properties.failuresBeforeLockout()
                        ? Mono.error(locked(failures.oldest(), now))
                        : Mono.empty());
    }

    /** Admins lift a user's lockouts, from every client: how many failures were forgotten. */
    public Mono<Long> unlockUser(String username) {
        return store.clearFailuresStartingWith(userIdentityPrefix(username));
    }

    /** A password sign-in counts per user and client, so nobody elsewhere can lock the owner out. */
    static String userIdentity(String username, String clientAddress) {
        return userIdentityPrefix(username) + clientAddress;
    }

    private static String userIdentityPrefix(String username) {
        return "user:" + username + "@";
    }

    public Mono<Void> clear(String identity) {
        return store.clearFailures(identity);
    }

    private Throttled locked(Instant oldest, Instant now) {
        long retryAfter = Math.max(1, Duration.between(now, oldest.plus(properties.window())).toSeconds());
        return tooMany("signin-locked", "Too many failed sign-ins; try again in " + retryAfter + " s.", retryAfter);
    }

    static Throttled tooMany(String code, String detail, long retryAfterSeconds) {
        return new Throttled(code, detail, Duration.ofSeconds(retryAfterSeconds));
    }
}
