package community.dispatch.member.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import community.dispatch.errors.Throttled;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * Failed sign-ins per identity (a phone or a username), kept in the database so every instance sees
 * them. Too many within the window lock the identity until the oldest failure ages out.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class SignInThrottle {

    private final SignInRecordStore store;
    private final SignInProperties properties;
    private final Clock clock;

    /** Fails with 429 (and the seconds to wait) while the identity is locked. */
    public Mono<Void> requireNotLocked(String identity) {
        Instant now = clock.instant();
        return store.failuresSince(identity, now.minus(properties.window()))
                .flatMap(failures -> failures.count() >= properties.failuresBeforeLockout()
                        ? Mono.error(locked(failures.oldest(), now))
                        : Mono.empty());
    }

    public Mono<Void> recordFailure(String identity) {
        return store.recordFailure(identity, clock.instant());
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
