package community.dispatch.web.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

/**
 * A decoder that verifies each access token once per process: a phone sends the same token with every call for its
 * ten minutes, and checking its RSA signature and claims again each time was a measurable share of every hop. A
 * token it has verified is answered from memory until the token expires (never later; the claims' other checks do
 * not change with time); one it refused is not remembered. At most {@value #MAX_TOKENS} are kept: beyond that the
 * expired ones go, and if that is not enough, all of them. A token signed with a key the issuer has since dropped
 * stays accepted here until it expires.
 */
public final class VerifiedTokens implements ReactiveJwtDecoder {

    static final int MAX_TOKENS = 10_000;

    private final ReactiveJwtDecoder verifier;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(ReactiveJwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        Instant now = clock.instant();
        if (known != null && now.isBefore(known.getExpiresAt())) {
            return Mono.just(known);
        }
        return verifier.decode(token).doOnNext(jwt -> remember(token, jwt, now));
    }

    private void remember(String token, Jwt jwt, Instant now) {
        if (jwt.getExpiresAt() == null || !now.isBefore(jwt.getExpiresAt())) {
            return;
        }
        if (verified.size() >= MAX_TOKENS) {
            verified.values().removeIf(old -> !now.isBefore(old.getExpiresAt()));
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
        }
        verified.put(token, jwt);
    }
}
