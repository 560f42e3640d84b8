package community.dispatch.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Makes a service under test trust {@link #TOKENS} instead of its configured issuer, so a test can
 * call protected endpoints with real signed tokens. Import it into the test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestTokensConfiguration {

    /** The tokens every test of this JVM signs with. */
    public static final TestTokens TOKENS = TestTokens.generate();

    @Bean
    ReactiveJwtDecoder testJwtDecoder() {
        return TOKENS.decoder();
    }
}
