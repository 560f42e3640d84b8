package community.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Browsers on the configured origins may call the API; other origins are refused at the preflight. */
@TestPropertySource(properties = "DISPATCH_CORS_ALLOWED_ORIGINS=https://app.community.example, https://admin.community.example")
class CorsIT extends GatewayTest {

    static final String ALLOWED = "https://app.community.example";

    @Autowired
    WebTestClient web;

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredByTheGateway() {
        int before = REQUEST_SERVICE.calls();
        web.options().uri("/api/v1/requests")
                .header(HttpHeaders.ORIGIN, ALLOWED)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type, idempotency-key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("POST"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers -> assertThat(headers.toLowerCase()).contains("idempotency-key"));
        assertThat(REQUEST_SERVICE.calls()).isEqualTo(before);
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        web.options().uri("/api/v1/requests")
                .header(HttpHeaders.ORIGIN, "https://elsewhere.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void answersToAnAllowedOriginLetTheBrowserReadThemEvenWhenTheyAreErrors() {
        web.get().uri("/api/v1/categories").header(HttpHeaders.ORIGIN, ALLOWED).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposed -> assertThat(exposed).contains("X-Request-Id"));
        web.get().uri("/api/v1/requests").header(HttpHeaders.ORIGIN, ALLOWED).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED);
    }
}
