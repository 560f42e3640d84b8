package community.dispatch.member.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.Throttled;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * Failed sign-ins per identity (a phone; a username from one client address), kept in the database so
 * every instance sees them. After the second failure each attempt must wait longer than the one before
 * (progressive delays); too many within the window lock the identity until the oldest failure ages
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
     * if the identity is locked (the attempt counts too), or if it comes sooner after the last failure
     * than the growing delay allows (it does not count then). A successful attempt then calls {@link #clear}.
     */
    public Mono<Void> attempt(String identity) {
        Instant now = clock.instant();
        return transactions.transactional(store.lockIdentity(identity)
                        .then(store.failuresSince(identity, now.minus(properties.window())))
                        .flatMap(before -> {
                            if (before.count() >= properties.failuresBeforeLockout()) {
                                return store.recordFailure(identity, now).thenReturn(locked(before.oldest().plus(properties.window()), now));
                            }
                            Instant allowedFrom = before.newest() == null ? now : before.newest().plus(delayAfter(before.count()));
                            if (now.isBefore(allowedFrom)) {
                                return Mono.just(slowed(allowedFrom, now));
                            }
                            return store.recordFailure(identity, now).thenReturn(Optional.<Throttled>empty());
                        }))
                .flatMap(refusal -> refusal.isPresent() ? Mono.error(refusal.get()) : Mono.empty());
    }

    /**
     * How long to wait after the {@code failures}-th failure before the next attempt: nothing after the
     * first (a typo), then {@code failure-delay}, doubling with each further failure.
     */
    private Duration delayAfter(long failures) {
        return delayAfter(failures, properties.failureDelay());
    }

    static Duration delayAfter(long failures, Duration base) {
        return failures < 2 ? Duration.ZERO : base.multipliedBy(1L << Math.min(failures - 2, 20));
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

    private static Optional<Throttled> locked(Instant unlocksAt, Instant now) {
        long retryAfter = Math.max(1, Duration.between(now, unlocksAt).toSeconds());
        return Optional.of(tooMany("signin-locked", "Too many failed sign-ins; try again in " + retryAfter + " s.", retryAfter));
    }

    private static Optional<Throttled> slowed(Instant allowedFrom, Instant now) {
        long retryAfter = Math.max(1, (Duration.between(now, allowedFrom).toMillis() + 999) / 1000);
        return Optional.of(tooMany("signin-slowed", "Wait " + retryAfter + " s before trying again.", retryAfter));
    }

    static Throttled tooMany(String code, String detail, long retryAfterSeconds) {
        return new Throttled(code, detail, Duration.ofSeconds(retryAfterSeconds));
    }
}
