package community.dispatch.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs real RS256 tokens for tests and provides the decoder that trusts them, so security is
 * exercised end to end: signature, expiry and role claims.
 */
public final class TestTokens {

    public static final String ISSUER = "http://localhost/test-issuer";

    /**
     * Every process that accepts member tokens, as the issuer names them in {@code aud}, and the service
     * kit's own test application ({@code kit-test}).
     */
    public static final List<String> ALL_AUDIENCES = List.of("gateway", "request-service", "volunteer-service", "member-service",
            "kit-test");

    private final KeyPair keys;

    private final String issuer;

    private final List<String> audiences;

    private final String keyId;

    private TestTokens(KeyPair keys, String issuer, List<String> audiences, String keyId) {
        this.keys = keys;
        this.issuer = issuer;
        this.audiences = audiences;
        this.keyId = keyId;
    }

    public static TestTokens generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestTokens(generator.generateKeyPair(), ISSUER, ALL_AUDIENCES, "test");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tokens signed with the same key that name another issuer. */
    public TestTokens issuedBy(String otherIssuer) {
        return new TestTokens(keys, otherIssuer, audiences, keyId);
    }

    /** Tokens signed with the same key, meant only for these audiences ({@code aud}). */
    public TestTokens meantFor(String... otherAudiences) {
        return new TestTokens(keys, issuer, List.of(otherAudiences), keyId);
    }

    /** Tokens signed with the same key whose header names another key id ({@code kid}). */
    public TestTokens namingKey(String otherKeyId) {
        return new TestTokens(keys, issuer, audiences, otherKeyId);
    }

    /** The public key as a JWK Set document, as an issuer's {@code jwks_uri} serves it. */
    public String jwkSetJson() {
        RSAKey key = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(keyId).build();
        return new JWKSet(key).toString(true);
    }

    /** A decoder that accepts only this instance's signatures. */
    public ReactiveJwtDecoder decoder() {
        return NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
    }

    /** A token for the subject with the roles, valid for ten minutes. */
    public String token(String subject, String... roles) {
        return sign(subject, Instant.now().plus(Duration.ofMinutes(10)), Map.of(), roles);
    }

    /** A token with further claims, such as the member's {@code grid} and {@code compound}. */
    public String token(String subject, Map<String, Object> claims, String... roles) {
        return sign(subject, Instant.now().plus(Duration.ofMinutes(10)), claims, roles);
    }

    /** A token for the subject with the roles, valid for the given time from now. */
    public String token(String subject, Duration validFor, String... roles) {
        return sign(subject, Instant.now().plus(validFor), Map.of(), roles);
    }

    /** A token that expired an hour ago. */
    public String expiredToken(String subject, String... roles) {
        return sign(subject, Instant.now().minus(Duration.ofHours(1)), Map.of(), roles);
    }

    private String sign(String subject, Instant expiresAt, Map<String, Object> extra, String... roles) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audiences)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(expiresAt.minus(Duration.ofMinutes(15))))
                .expirationTime(Date.from(expiresAt))
                .claim("roles", List.of(roles));
        extra.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), builder.build());
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
