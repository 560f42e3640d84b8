package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.request.People.Person;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * OWASP API8:2023, security misconfiguration: answers carry the headers that stop browsers from
 * sniffing, framing or caching them; errors say what was wrong in the API's words, never the stack,
 * the framework or the SQL behind it; methods the API does not offer are refused.
 */
@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
@TestPropertySource(properties = "dispatch.requests.timer-interval=500ms")
class OwaspApi8SecurityMisconfigurationIT extends ServiceTestSupport {

    private final Person resident = People.resident("G01");

    @Test
    void answersForbidSniffingFramingAndCaching() {
        web.get().uri("/api/v1/requests").headers(h -> h.setBearerAuth(resident.token())).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("no-store"));
    }

    @Test
    void errorsRevealNothingOfTheMachinery() {
        String body = web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"categoryCode\": \"household-help\", \"description\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain("at community.", "at org.", "Exception", "tools.jackson", "SELECT", "trace");

        String notUuid = web.get().uri("/api/v1/requests/{id}", "' OR 1=1--").headers(h -> h.setBearerAuth(resident.token()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(notUuid).doesNotContain("Exception", "java.", "SQL");
    }

    @Test
    void methodsTheApiDoesNotOfferAreRefused() {
        web.method(HttpMethod.DELETE).uri("/api/v1/categories/household-help").headers(h -> h.setBearerAuth(People.admin().token()))
                .exchange().expectStatus().isEqualTo(405);
        web.method(HttpMethod.TRACE).uri("/api/v1/requests").headers(h -> h.setBearerAuth(resident.token()))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("rejected-request");
        web.get().uri("/api/v1/categories/household-help").exchange().expectStatus().isOk();
    }
}
