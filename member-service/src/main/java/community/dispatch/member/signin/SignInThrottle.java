package community.dispatch.member.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.Throttled;
import community.dispatch.kit.audit.AuditTrail;
import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Mono;

/**
 * Failed sign-ins, kept in the database so every instance sees them, at two levels.
 * <p>
 * Per identity — a username or a phone, each from one client address: after the second failure each attempt
 * must wait longer than the one before (progressive delays); too many within the window lock the identity
 * until the oldest failure ages out; attempts while locked count too, so a client that keeps guessing stays
 * locked. A guesser elsewhere never locks the owner out.
 * <p>
 * Per account — a username from any address, so rotating addresses does not make guessing unlimited: beyond
 * {@code account-ceiling} failures within {@code account-window}, each attempt from an address the account
 * has not signed in from before must wait for the one before (a delay that doubles, up to
 * {@code account-max-delay}); the owner's known addresses are never slowed, and nothing is locked. Crossing
 * the ceiling is audited and the admins are told ({@link AccountAlarm}).
 */
@Component
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    /** One sign-in attempt: the identity it counts against, and — for a password — the account and address. */
    public record Attempt(String identity, String account, String address) {

        static Attempt password(String username, String address) {
            return new Attempt(userIdentityPrefix(username) + address, username, address);
        }

        static Attempt code(String phone, String address) {
            return new Attempt(phoneIdentityPrefix(phone) + address, null, address);
        }

        static Attempt of(String identity) {
            return new Attempt(identity, null, null);
        }
    }

    private final FailureStore store;
    private final KnownAddressStore knownAddresses;
    private final SignInProperties properties;
    private final Clock clock;
    private final TransactionalOperator transactions;
    private final AuditTrail audit;
    private final ObjectProvider<AccountAlarm> alarms;

    SignInThrottle(FailureStore store, KnownAddressStore knownAddresses, SignInProperties properties, Clock clock,
            TransactionalOperator transactions, AuditTrail audit, ObjectProvider<AccountAlarm> alarms) {
        this.store = store;
        this.knownAddresses = knownAddresses;
        this.properties = properties;
        this.clock = clock;
        this.transactions = transactions;
        this.audit = audit;
        this.alarms = alarms;
    }

    /** Counts an attempt against an identity alone (a password change); see {@link #attempt(Attempt)}. */
    public Mono<Instant> attempt(String identity) {
        return attempt(Attempt.of(identity));
    }

    /**
     * Counts an attempt before its secret is checked, atomically: fails with 429 if the identity is locked
     * (the attempt counts too), if it comes sooner after the last failure than the growing delay allows, or if
     * the account is past its ceiling and this address must wait (neither counts then). Answers when it was
     * counted; a successful attempt then calls {@link #succeeded}.
     */
    public Mono<Instant> attempt(Attempt attempt) {
        Instant now = clock.instant();
        Mono<Void> locks = attempt.account() == null ? store.lockIdentity(attempt.identity())
                : store.lockIdentity(accountIdentity(attempt.account())).then(store.lockIdentity(attempt.identity()));
        return transactions.transactional(locks
                        .then(store.failuresSince(attempt.identity(), now.minus(properties.window())))
                        .flatMap(before -> {
                            if (before.count() >= properties.failuresBeforeLockout()) {
                                return store.recordFailure(attempt.identity(), now)
                                        .thenReturn(locked(before.oldest().plus(properties.window()), now));
                            }
                            Instant allowedFrom = before.newest() == null ? now : before.newest().plus(delayAfter(before.count()));
                            if (now.isBefore(allowedFrom)) {
                                return Mono.just(slowed(allowedFrom, now));
                            }
                            return onTheAccount(attempt, now)
                                    .switchIfEmpty(Mono.defer(() -> store.recordFailure(attempt.identity(), now)
                                            .thenReturn(Optional.<Throttled>empty())));
                        }))
                .flatMap(refusal -> refusal.isPresent() ? Mono.error(refusal.get()) : Mono.just(now));
    }

    /**
     * The account's part of a password attempt: a refusal when it is past the ceiling and this address must
     * wait; otherwise the failure is counted on the account too (empty), and the crossing reported.
     */
    private Mono<Optional<Throttled>> onTheAccount(Attempt attempt, Instant now) {
        if (attempt.account() == null) {
            return Mono.empty();
        }
        String account = accountIdentity(attempt.account());
        return store.failuresSince(account, now.minus(properties.accountWindow()))
                .flatMap(before -> {
                    long beyond = before.count() - properties.accountCeiling();
                    if (beyond < 0) {
                        return store.recordFailure(account, now).then(Mono.<Optional<Throttled>>empty());
                    }
                    return knownAddresses.known(attempt.account(), attempt.address(), now.minus(properties.knownAddressFor()))
                            .flatMap(known -> {
                                Instant allowedFrom = before.newest().plus(accountDelayAfter(beyond));
                                if (!known && now.isBefore(allowedFrom)) {
                                    return Mono.just(slowed(allowedFrom, now));
                                }
                                // The owner's own attempt (a known address) is no sign of an attack.
                                Mono<Void> crossed = beyond == 0 && !known ? alarm(attempt.account(), before.count() + 1) : Mono.empty();
                                return store.recordFailure(account, now).then(crossed).then(Mono.<Optional<Throttled>>empty());
                            });
                });
    }

    /** The account just passed its ceiling: audited, logged, and every admin told. */
    private Mono<Void> alarm(String username, long failures) {
        AccountAlarm alarm = alarms.getIfAvailable();
        return Logged.line(() -> log.warn("Sign-in to account {} failed {} times within {}; attempts from new addresses are slowed",
                        username, failures, properties.accountWindow()))
                .then(audit.done(null, "signin.account-ceiling", username, null, Map.of("failures", failures)))
                .then(alarm == null ? Mono.empty() : alarm.raise(username, clock.instant()));
    }

    /** The attempt counted at {@code countedAt} was right: the identity's failures are forgotten, the address known. */
    public Mono<Void> succeeded(Attempt attempt, Instant countedAt) {
        Mono<Void> clear = store.clearFailures(attempt.identity());
        if (attempt.account() == null) {
            return clear;
        }
        // The right password was counted on the account as a failure before it was checked: take that one back.
        return clear.then(store.clearFailure(accountIdentity(attempt.account()), countedAt))
                .then(knownAddresses.remember(attempt.account(), attempt.address(), clock.instant()));
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

    /** Past the account's ceiling: {@code account-delay}, doubling with each failure beyond, at most {@code account-max-delay}. */
    private Duration accountDelayAfter(long beyond) {
        Duration delay = properties.accountDelay().multipliedBy(1L << Math.min(beyond, 20));
        return delay.compareTo(properties.accountMaxDelay()) > 0 ? properties.accountMaxDelay() : delay;
    }

    /** Admins lift a user's lockouts, from every client and on the account: how many failures were forgotten. */
    public Mono<Long> unlockUser(String username) {
        return store.clearFailuresStartingWith(userIdentityPrefix(username))
                .zipWith(store.clearFailuresStartingWith(accountIdentity(username)), Long::sum);
    }

    /** Admins lift a phone's lockouts, from every client: how many failures were forgotten. */
    public Mono<Long> unlockPhone(String phone) {
        return store.clearFailuresStartingWith(phoneIdentityPrefix(phone));
    }

    private static String userIdentityPrefix(String username) {
        return "user:" + username + "@";
    }

    private static String phoneIdentityPrefix(String phone) {
        return "phone:" + phone + "@";
    }

    private static String accountIdentity(String username) {
        return "account:" + username;
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
