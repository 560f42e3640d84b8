package community.dispatch.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.TestTokens;
import community.dispatch.testing.TestTokensConfiguration;

@KitIntegrationTest
class ProblemDetailsIT {

    @Autowired
    WebTestClient web;

    @LocalManagementPort
    int managementPort;

    private final String resident = TestTokensConfiguration.TOKENS.token("resident-1", "RESIDENT");
    private final String admin = TestTokensConfiguration.TOKENS.token("admin-1", "ADMIN");

    @Test
    void healthAndApiDocsAreOpenAndHealthReportsTheDatabaseAndKafka() {
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        management.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP");
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.openapi").exists();
    }

    @Test
    void noTokenIs401ProblemWithBearerChallenge() {
        web.get().uri("/things/known").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.code").isEqualTo("unauthorized")
                .jsonPath("$.type").isEqualTo("urn:community-dispatch:problem:unauthorized");
    }

    @Test
    void expiredForeignOrMisdirectedTokensAre401() {
        String expired = TestTokensConfiguration.TOKENS.expiredToken("resident-1", "RESIDENT");
        String foreign = TestTokens.generate().token("resident-1", "RESIDENT");
        String forOthers = TestTokensConfiguration.TOKENS.meantFor("gateway", "request-service").token("resident-1", "RESIDENT");

        for (String token : new String[] { expired, foreign, forOthers, "not-a-jwt" }) {
            web.get().uri("/things/known").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("unauthorized");
        }
    }

    @Test
    void aValidTokenGetsThroughAndRolesComeFromTheRolesClaim() {
        web.get().uri("/things/known").headers(h -> h.setBearerAuth(resident)).exchange()
                .expectStatus().isOk();
        web.get().uri("/admin-only").headers(h -> h.setBearerAuth(resident)).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");
        web.get().uri("/admin-only").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("hello admin");
    }

    @Test
    void aDomainProblemKeepsItsStatusCodeAndDetail() {
        web.get().uri("/things/missing").headers(h -> h.setBearerAuth(resident)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("thing-not-found")
                .jsonPath("$.type").isEqualTo("urn:community-dispatch:problem:thing-not-found")
                .jsonPath("$.detail").isEqualTo("No thing missing.")
                .jsonPath("$.instance").isEqualTo("/things/missing");
    }

    @Test
    void unknownPathWrongMethodAndWrongMediaTypeAreProblems() {
        web.get().uri("/no/such/path").headers(h -> h.setBearerAuth(resident)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("not-found");
        web.delete().uri("/things/known").headers(h -> h.setBearerAuth(resident)).exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().exists(HttpHeaders.ALLOW)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("method-not-allowed");
        web.post().uri("/things").headers(h -> h.setBearerAuth(resident))
                .contentType(MediaType.TEXT_PLAIN).bodyValue("name=x").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unsupported-media-type");
    }

    @Test
    void invalidFieldsAre400WithPerFieldErrors() {
        web.post().uri("/things").headers(h -> h.setBearerAuth(resident))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"\",\"size\":0}").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("validation-failed")
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[?(@.field == 'name')]").exists()
                .jsonPath("$.errors[?(@.field == 'size')]").exists();
    }

    @Test
    void unreadableJsonIs400() {
        web.post().uri("/things").headers(h -> h.setBearerAuth(resident))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": ").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("bad-request");
    }

    @Test
    void anUnexpectedErrorIs500WithoutInternals() {
        byte[] body = web.get().uri("/boom").headers(h -> h.setBearerAuth(resident)).exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("internal-error")
                .returnResult().getResponseBody();
        assertThat(new String(body)).doesNotContain("secret internals");
    }
}
