package community.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.TestTokens;

/** Callers without a good token stop at the gateway: no service hears of them. */
class EdgeSecurityIT extends GatewayTest {

    @Autowired
    WebTestClient web;

    static Stream<Arguments> badTokens() {
        return Stream.of(
                Arguments.of("expired", TOKENS.expiredToken("resident-1", "RESIDENT")),
                Arguments.of("signed with another key", TestTokens.generate().token("resident-1", "RESIDENT")),
                Arguments.of("from another issuer", TOKENS.issuedBy("http://localhost/elsewhere").token("resident-1", "RESIDENT")),
                Arguments.of("meant for other processes", TOKENS.meantFor("request-service", "volunteer-service").token("resident-1", "RESIDENT")),
                Arguments.of("not a token at all", "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIsRefusedWith401BeforeAnyServiceIsCalled(String kind, String token) {
        int before = VOLUNTEER_SERVICE.calls();
        web.get().uri("/api/v1/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\".*")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized");
        assertThat(VOLUNTEER_SERVICE.calls()).isEqualTo(before);
    }

    @Test
    void noTokenIsRefusedWith401BeforeAnyServiceIsCalled() {
        int before = REQUEST_SERVICE.calls();
        web.post().uri("/api/v1/requests").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody().jsonPath("$.detail").isEqualTo("A valid bearer token is required.");
        web.post().uri("/api/v1/categories").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized();
        web.post().uri("/api/v1/open311/api-keys").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized();
        assertThat(REQUEST_SERVICE.calls()).isEqualTo(before);
    }

    @Test
    void open311WritesCarryAnApiKeyInsteadOfATokenSoTheyReachRequestService() {
        int before = REQUEST_SERVICE.calls();
        for (String path : new String[] { "/open311/v2/requests.json", "/open311/v2/servicerequestupdates.xml" }) {
            web.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("api_key=k&service_code=x")
                    .exchange().expectStatus().isOk();
        }
        assertThat(REQUEST_SERVICE.calls()).isEqualTo(before + 2);
    }

    @Test
    void tokensNamingKeysTheIssuerNeverPublishedDoNotSendTheGatewayToTheIssuerEachTime() {
        web.get().uri("/api/v1/orders").header(HttpHeaders.AUTHORIZATION, bearer("volunteer-1", "VOLUNTEER")).exchange()
                .expectStatus().isOk();
        int fetchesBefore = MEMBER_SERVICE.callsTo("/oauth2/jwks");

        for (int attempt = 0; attempt < 20; attempt++) {
            String madeUp = TOKENS.namingKey("made-up-" + attempt).token("volunteer-1", "VOLUNTEER");
            web.get().uri("/api/v1/orders").header(HttpHeaders.AUTHORIZATION, "Bearer " + madeUp).exchange()
                    .expectStatus().isUnauthorized();
        }

        assertThat(MEMBER_SERVICE.callsTo("/oauth2/jwks")).isLessThanOrEqualTo(fetchesBefore + 1);
        web.get().uri("/api/v1/orders").header(HttpHeaders.AUTHORIZATION, bearer("volunteer-1", "VOLUNTEER")).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aGoodTokenPasses() {
        web.get().uri("/api/v1/orders").header(HttpHeaders.AUTHORIZATION, bearer("volunteer-1", "VOLUNTEER")).exchange()
                .expectStatus().isOk();
    }

    @Test
    void signInTokenDiscoveryCatalogueOpen311ReadsAndDocsArePublic() {
        web.post().uri("/api/v1/auth/codes").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isOk();
        web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isOk();
        web.post().uri("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("grant_type=refresh_token")
                .exchange().expectStatus().isOk();
        for (String path : new String[] { "/.well-known/openid-configuration", "/oauth2/jwks", "/api/v1/categories",
                "/api/v1/categories/repair", "/open311/v2/services.json", "/v3/api-docs/member-service" }) {
            web.get().uri(path).exchange().expectStatus().isOk();
        }
    }
}
