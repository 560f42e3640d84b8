package community.dispatch.member.tokens;

import org.springframework.security.crypto.password.PasswordEncoder;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Argon2 is deliberately slow: hashing and checking run on a worker thread, never on an event loop
 * that other requests wait on.
 */
public final class Hashing {

    private Hashing() {
    }

    public static Mono<Boolean> matches(PasswordEncoder encoder, String raw, String hash) {
        return Mono.fromCallable(() -> encoder.matches(raw, hash)).subscribeOn(Schedulers.boundedElastic());
    }

    public static Mono<String> encode(PasswordEncoder encoder, String raw) {
        return Mono.fromCallable(() -> encoder.encode(raw)).subscribeOn(Schedulers.boundedElastic());
    }
}
