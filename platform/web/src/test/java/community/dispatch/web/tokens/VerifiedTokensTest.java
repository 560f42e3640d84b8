package community.dispatch.web.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    /** What the real decoder was asked; "good-*" tokens expire ten minutes after NOW, others are refused. */
    private final List<String> verified = new ArrayList<>();
    private final ReactiveJwtDecoder verifier = token -> {
        verified.add(token);
        return token.startsWith("good")
                ? Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
                        .issuedAt(NOW).expiresAt(NOW.plus(Duration.ofMinutes(10))).build())
                : Mono.error(new BadJwtException("bad signature"));
    };

    @Test
    void aTokenIsVerifiedOnceWhileItIsValidAndAgainOnceItHasExpired() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.fixed(NOW.plusSeconds(30), ZoneId.of("UTC")));

        assertThat(tokens.decode("good-1").block().getSubject()).isEqualTo("good-1");
        assertThat(tokens.decode("good-1").block().getSubject()).isEqualTo("good-1");
        assertThat(tokens.decode("good-2").block().getSubject()).isEqualTo("good-2");
        assertThat(verified).containsExactly("good-1", "good-2");

        VerifiedTokens later = new VerifiedTokens(verifier, Clock.fixed(NOW.plus(Duration.ofMinutes(10)), ZoneId.of("UTC")));
        later.decode("good-1").block();
        later.decode("good-1").block();
        assertThat(verified).as("an expired token is never answered from memory").containsExactly("good-1", "good-2", "good-1", "good-1");
    }

    @Test
    void aRefusedTokenIsRefusedEveryTime() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.fixed(NOW, ZoneId.of("UTC")));

        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> tokens.decode("forged").block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(verified).containsExactly("forged", "forged");
    }

    @Test
    void beyondItsBoundItForgetsRatherThanGrows() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.fixed(NOW, ZoneId.of("UTC")));
        for (int n = 0; n <= VerifiedTokens.MAX_TOKENS; n++) {
            tokens.decode("good-" + n).block();
        }
        verified.clear();

        tokens.decode("good-" + VerifiedTokens.MAX_TOKENS).block();
        tokens.decode("good-0").block();

        assertThat(verified).as("the newest is kept, the older ones were let go").containsExactly("good-0");
    }
}
