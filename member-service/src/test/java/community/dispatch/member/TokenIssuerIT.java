package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.web.reactive.function.BodyInserters;

import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.Topics;
import community.dispatch.member.tokens.SigningKeys;
import community.dispatch.testing.TopicReader;
import reactor.test.StepVerifier;

/** The token issuer: client credentials, Swagger UI's password grant, tokens other services accept, and the signing keys behind them. */
@MemberServiceTest
class TokenIssuerIT extends MemberServiceTestSupport {

    @Autowired
    SigningKeys keys;
    @Autowired
    DatabaseClient database;
    @LocalServerPort
    int port;

    @Test
    void aMunicipalSystemGetsATokenWithClientCredentials() {
        Map<String, Object> client = web.post().uri("/api/v1/auth/clients").headers(h -> h.setBearerAuth(accounts.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "12345 hotline platform")).exchange()
                .expectStatus().isCreated()
                .expectBody(Accounts.MAP).returnResult().getResponseBody();
        String id = (String) client.get("clientId");
        String secret = (String) client.get("clientSecret");

        Map<String, Object> tokens = web.post().uri("/oauth2/token").headers(h -> h.setBasicAuth(id, secret))
                .body(BodyInserters.fromFormData("grant_type", "client_credentials")).exchange()
                .expectStatus().isOk()
                .expectBody(Accounts.MAP).returnResult().getResponseBody();
        assertThat(tokens).doesNotContainKey("refresh_token");
        Jwt jwt = otherServiceDecoder(Accounts.ISSUER).decode((String) tokens.get("access_token")).block();
        assertThat(jwt.getSubject()).isEqualTo(id);
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("MUNICIPAL_SYSTEM");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.events(Topics.MEMBER_EVENTS, id))
                .extracting(CloudEvent::type).containsExactly("community.dispatch.member.municipal-system-registered.v1"));
        web.get().uri("/api/v1/audit?target=" + id).headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].action").isEqualTo("client.registered");

        web.post().uri("/oauth2/token").headers(h -> h.setBasicAuth(id, "wrong"))
                .body(BodyInserters.fromFormData("grant_type", "client_credentials")).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_client");
        web.post().uri("/oauth2/token").body(BodyInserters.fromFormData("grant_type", "implicit")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("unsupported_grant_type");

        web.delete().uri("/api/v1/auth/clients/" + id).headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isNoContent();
        web.post().uri("/oauth2/token").headers(h -> h.setBasicAuth(id, secret))
                .body(BodyInserters.fromFormData("grant_type", "client_credentials")).exchange()
                .expectStatus().isUnauthorized();
        web.delete().uri("/api/v1/auth/clients/" + id).headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isNotFound();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.events(Topics.MEMBER_EVENTS, id))
                .extracting(CloudEvent::type).containsExactly("community.dispatch.member.municipal-system-registered.v1",
                        "community.dispatch.member.municipal-system-retired.v1"));
        web.get().uri("/api/v1/audit?target=" + id).headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].action").isEqualTo("client.retired");
    }

    @Test
    void swaggerUiAuthorizeTradesAMembersPasswordForTokensAsItsPublicClient() {
        Map<String, Object> tokens = web.post().uri("/oauth2/token").headers(h -> h.setBasicAuth("swagger-ui", ""))
                .body(BodyInserters.fromFormData("grant_type", "password").with("username", "admin")
                        .with("password", Accounts.ADMIN_PASSWORD)).exchange()
                .expectStatus().isOk()
                .expectBody(Accounts.MAP).returnResult().getResponseBody();
        web.get().uri("/api/v1/members/me").headers(h -> h.setBearerAuth((String) tokens.get("access_token"))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo("admin");

        web.post().uri("/oauth2/token")
                .body(BodyInserters.fromFormData("grant_type", "password").with("client_id", "swagger-ui")
                        .with("username", "admin").with("password", "not-the-password")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-credentials");
        web.post().uri("/oauth2/token")
                .body(BodyInserters.fromFormData("grant_type", "password").with("client_id", "some-app")
                        .with("username", "admin").with("password", Accounts.ADMIN_PASSWORD)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("unauthorized_client");
    }

    @Test
    void anotherServicesResourceServerConfigAcceptsTheseTokens() {
        String token = accounts.admin();

        Jwt jwt = otherServiceDecoder(Accounts.ISSUER).decode(token).block();
        assertThat(jwt.getIssuer()).hasToString(Accounts.ISSUER);
        assertThat(jwt.getClaimAsStringList("roles")).contains("ADMIN");
        assertThat(jwt.getAudience()).containsExactlyInAnyOrder("gateway", "request-service", "volunteer-service", "member-service");
        StepVerifier.create(otherServiceDecoder("http://some-other-issuer.test").decode(token))
                .expectError().verify();
        web.get().uri("/.well-known/openid-configuration").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.issuer").isEqualTo(Accounts.ISSUER)
                .jsonPath("$.jwks_uri").isEqualTo(Accounts.ISSUER + "/oauth2/jwks")
                .jsonPath("$.token_endpoint").isEqualTo(Accounts.ISSUER + "/oauth2/token");
    }

    @Test
    void rotatingTheSigningKeyKeepsEarlierTokensValid() {
        String before = accounts.admin();
        String keyBefore = otherServiceDecoder(Accounts.ISSUER).decode(before).block().getHeaders().get("kid").toString();

        keys.rotate().block();
        String after = accounts.admin();

        String keyAfter = otherServiceDecoder(Accounts.ISSUER).decode(after).block().getHeaders().get("kid").toString();
        assertThat(keyAfter).isNotEqualTo(keyBefore);
        for (String token : List.of(before, after)) {
            web.get().uri("/api/v1/members/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
            assertThat(otherServiceDecoder(Accounts.ISSUER).decode(token).block()).isNotNull();
        }
    }

    /** What request- and volunteer-service configure: keys from the JWKS address, tokens from one issuer. */
    @Test
    void signingKeysAreStoredEncryptedAndKeysStoredPlainBeforeAreSealedButStillPublished() throws Exception {
        RSAKey legacy = new RSAKeyGenerator(2048).keyID("legacy-" + UUID.randomUUID()).keyUse(KeyUse.SIGNATURE).generate();
        database.sql("INSERT INTO signing_key (kid, jwk, created_at) VALUES (:kid, :jwk, now() - interval '1 day')")
                .bind("kid", legacy.getKeyID()).bind("jwk", legacy.toJSONString()).fetch().rowsUpdated().block();

        keys.rotate().block();
        keys.current().block();

        List<String> stored = database.sql("SELECT jwk FROM signing_key").map(row -> row.get("jwk", String.class)).all()
                .collectList().block();
        assertThat(stored).isNotEmpty().allSatisfy(jwk -> assertThat(jwk).startsWith("sealed:v1:").doesNotContain("\"d\""));
        web.get().uri("/oauth2/jwks").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.keys[?(@.kid == '" + legacy.getKeyID() + "')]").exists()
                .jsonPath("$.keys[0].d").doesNotExist();
    }

    private NimbusReactiveJwtDecoder otherServiceDecoder(String issuer) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri("http://localhost:" + port + "/oauth2/jwks").build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }
}
