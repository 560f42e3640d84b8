package community.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Each caller gets its own budget per route; over it, a 429 problem says when to come back. */
@TestPropertySource(properties = {
        "DISPATCH_RATE_LIMIT=5", "DISPATCH_RATE_PERIOD=1h",
        "DISPATCH_SIGN_IN_RATE_LIMIT=2", "DISPATCH_SIGN_IN_RATE_PERIOD=1h" })
class RateLimitIT extends GatewayTest {

    @Autowired
    WebTestClient web;

    @Test
    void aSignedInCallerOverTheLimitGets429WithRetryAfterAndOthersAreUnaffected() {
        String busy = bearer("busy-resident", "RESIDENT");
        for (int call = 1; call <= 5; call++) {
            web.get().uri("/api/v1/requests").header(HttpHeaders.AUTHORIZATION, busy).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-RateLimit-Remaining", String.valueOf(5 - call));
        }
        int before = REQUEST_SERVICE.calls();
        String retryAfter = web.get().uri("/api/v1/requests").header(HttpHeaders.AUTHORIZATION, busy).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("too-many-requests")
                .returnResult().getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        assertThat(Long.parseLong(retryAfter)).as("a refill of one call in an hour of five").isBetween(700L, 720L);
        assertThat(REQUEST_SERVICE.calls()).isEqualTo(before);

        web.get().uri("/api/v1/requests").header(HttpHeaders.AUTHORIZATION, bearer("quiet-resident", "RESIDENT")).exchange()
                .expectStatus().isOk();
        web.get().uri("/api/v1/teams").header(HttpHeaders.AUTHORIZATION, busy).exchange()
                .expectStatus().isOk(); // each route has its own budget
    }

    @Test
    void signInHasAStricterLimitPerClientAddressThatAForgedForwardedForDoesNotEscape() {
        for (int call = 0; call < 2; call++) {
            web.post().uri("/api/v1/auth/codes").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isOk();
        }
        web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER);
        web.post().uri("/api/v1/auth/login").header("X-Forwarded-For", "198.51.100.23")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(429);
    }
}
