package community.dispatch.member.tokens;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The token issuer and its signing keys ({@code dispatch.auth.*}, beside the sign-in rules).
 *
 * @param issuer the issuer URL written into every token and served in the discovery document; the
 *        address clients reach the issuer at (through the gateway in the single-node stack)
 * @param accessTokenTtl how long an access token is valid
 * @param keyRotation how long one signing key signs before a new one takes over
 * @param signingKeySecret what the signing keys are encrypted with in the database ({@link KeySeal});
 *        required, 16 characters or more
 * @param signingKeyPreviousSecret while changing {@code signingKeySecret}: the one before, so keys sealed
 *        under it still open (and are sealed again under the new one at start-up)
 */
@ConfigurationProperties("dispatch.auth")
public record TokenProperties(
        URI issuer,
        @DefaultValue("10m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration keyRotation,
        @DefaultValue("") String signingKeySecret,
        @DefaultValue("") String signingKeyPreviousSecret) {

    public String issuerString() {
        String value = issuer.toString();
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
