package community.dispatch.member.tokens;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** Signs short-lived access tokens with the current key (Spring Security's Nimbus encoder). */
@Component
@RequiredArgsConstructor
public class TokenIssuer {

    private final SigningKeys keys;
    private final TokenProperties properties;

    /**
     * An access token for the subject (a member id or a client id), meant for the audiences (the
     * processes that may accept it: {@code aud}), with its roles and any further claims (grid, compound …).
     */
    public Mono<String> accessToken(String subject, Collection<String> audiences, Collection<String> roles,
            Map<String, Object> claims) {
        return keys.current().map(key -> sign(key, subject, audiences, roles, claims));
    }

    private String sign(RSAKey key, String subject, Collection<String> audiences, Collection<String> roles,
            Map<String, Object> claims) {
        // The wall clock, not the service's Clock: every process that checks the token reads its own wall clock.
        Instant now = Instant.now();
        JwtClaimsSet.Builder builder = JwtClaimsSet.builder()
                .issuer(properties.issuerString())
                .subject(subject)
                .audience(List.copyOf(audiences))
                .id(UUID.randomUUID().toString())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(properties.accessTokenTtl()))
                .claim("roles", roles.stream().sorted().toList());
        claims.forEach(builder::claim);
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        return encoder.encode(JwtEncoderParameters.from(header, builder.build())).getTokenValue();
    }

    public long accessTokenSeconds() {
        return properties.accessTokenTtl().toSeconds();
    }
}
