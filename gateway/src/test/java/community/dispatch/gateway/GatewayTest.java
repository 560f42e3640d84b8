package community.dispatch.gateway;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import community.dispatch.testing.TestTokens;

/**
 * A gateway on a random port in front of three {@link StandInService}s, trusting tokens signed by
 * {@link #TOKENS} (whose keys the member-service stand-in publishes as its JWKS).
 * Subclasses with the same properties share one gateway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient(timeout = "30s")
abstract class GatewayTest {

    static final TestTokens TOKENS = TestTokens.generate();

    /** What the gateway seals client addresses with for the services. */
    static final String EDGE_SECRET = "edge-secret-for-the-gateway-tests";

    static final StandInService REQUEST_SERVICE = new StandInService("request-service", TOKENS.jwkSetJson());

    static final StandInService VOLUNTEER_SERVICE = new StandInService("volunteer-service", TOKENS.jwkSetJson());

    static final StandInService MEMBER_SERVICE = new StandInService("member-service", TOKENS.jwkSetJson());

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        registry.add("DISPATCH_REQUEST_SERVICE_URI", REQUEST_SERVICE::uri);
        registry.add("DISPATCH_VOLUNTEER_SERVICE_URI", VOLUNTEER_SERVICE::uri);
        registry.add("DISPATCH_MEMBER_SERVICE_URI", MEMBER_SERVICE::uri);
        registry.add("DISPATCH_ISSUER_URI", () -> TestTokens.ISSUER);
        registry.add("DISPATCH_JWK_SET_URI", () -> MEMBER_SERVICE.uri() + "/oauth2/jwks");
        registry.add("DISPATCH_EDGE_SECRET", () -> EDGE_SECRET);
    }

    static String bearer(String subject, String... roles) {
        return "Bearer " + TOKENS.token(subject, roles);
    }

}
