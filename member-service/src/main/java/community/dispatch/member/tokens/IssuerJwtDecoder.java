package community.dispatch.member.tokens;

import java.util.List;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How member-service checks the tokens it issued: the same rules as every other resource server
 * (signature, expiry, issuer), with the keys read from its own store instead of over HTTP.
 */
final class IssuerJwtDecoder {

    private IssuerJwtDecoder() {
    }

    static ReactiveJwtDecoder create(SigningKeys keys, TokenProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> keysFor(keys, jwt.getHeader().getKeyID()))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuerString()));
        return decoder;
    }

    private static Flux<JWK> keysFor(SigningKeys keys, String keyId) {
        return keys.published()
                .flatMap(known -> contains(known, keyId) ? Mono.just(known) : keys.rereadPublished())
                .flatMapMany(Flux::fromIterable)
                .cast(JWK.class);
    }

    private static boolean contains(List<RSAKey> keys, String keyId) {
        return keys.stream().anyMatch(key -> key.getKeyID().equals(keyId));
    }
}
