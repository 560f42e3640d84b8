package community.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A sick service costs callers a quick, explicit answer and nothing else: a stopped service is a
 * 503, a slow one a 504 at its route's time limit, and the route recovers when the service returns.
 * Only calls that are safe to repeat are retried.
 */
@TestPropertySource(properties = {
        "DISPATCH_ROUTE_TIMEOUT=1500ms",
        "DISPATCH_CIRCUIT_OPEN_WAIT=2s",
        "resilience4j.circuitbreaker.instances.volunteer-service.sliding-window-size=4",
        "resilience4j.circuitbreaker.instances.volunteer-service.minimum-number-of-calls=4" })
class ResilienceIT extends GatewayTest {

    @Autowired
    WebTestClient web;

    @Test
    void aStoppedServiceAnswers503QuicklyThenItsCircuitOpensAndTheRouteRecoversWhenItReturns() {
        String token = bearer("volunteer-1", "VOLUNTEER");
        VOLUNTEER_SERVICE.stop();
        try {
            long started = System.nanoTime();
            web.get().uri("/api/v1/teams").header(HttpHeaders.AUTHORIZATION, token).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2")
                    .expectBody()
                    .jsonPath("$.code").isEqualTo("service-unavailable")
                    .jsonPath("$.detail").isEqualTo("volunteer-service cannot be reached. Try again later.");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

            for (int call = 0; call < 3; call++) {
                web.get().uri("/api/v1/teams").header(HttpHeaders.AUTHORIZATION, token).exchange()
                        .expectStatus().isEqualTo(503);
            }
            web.get().uri("/api/v1/teams").header(HttpHeaders.AUTHORIZATION, token).exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.detail")
                    .isEqualTo("volunteer-service is failing and is given a pause. Try again later.");
            web.get().uri("/api/v1/requests/1").header(HttpHeaders.AUTHORIZATION, token).exchange()
                    .expectStatus().isOk(); // other routes are not affected
        }
        finally {
            VOLUNTEER_SERVICE.start();
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                web.get().uri("/api/v1/teams").header(HttpHeaders.AUTHORIZATION, token).exchange()
                        .expectStatus().isOk()
                        .expectBody(String.class).isEqualTo("volunteer-service GET /api/v1/teams"));
    }

    @Test
    void aServiceSlowerThanItsRoutesTimeLimitAnswers504AtTheLimit() {
        long started = System.nanoTime();
        web.get().uri("/api/v1/requests/slow").header(HttpHeaders.AUTHORIZATION, bearer("resident-1", "RESIDENT")).exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("gateway-timeout");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofMillis(2800));
    }

    @Test
    void readsAreRetriedOnceTheServiceIsBack() {
        web.get().uri("/api/v1/requests/flaky").header(HttpHeaders.AUTHORIZATION, bearer("resident-1", "RESIDENT"))
                .header("X-Attempt-Key", "read").exchange()
                .expectStatus().isOk();
        assertThat(REQUEST_SERVICE.attemptsFor("read")).isEqualTo(2);
    }

    @Test
    void aPostWithAnIdempotencyKeyIsRetried() {
        web.post().uri("/api/v1/requests/flaky").header(HttpHeaders.AUTHORIZATION, bearer("resident-1", "RESIDENT"))
                .header("X-Attempt-Key", "keyed-post").header("Idempotency-Key", "c0ffee-1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"description\":\"tap drips\"}").exchange()
                .expectStatus().isOk()
                .expectBody(String.class) // the repeat carried the whole body
                .isEqualTo("request-service POST /api/v1/requests/flaky {\"description\":\"tap drips\"}");
        assertThat(REQUEST_SERVICE.attemptsFor("keyed-post")).isEqualTo(2);
    }

    @Test
    void aPostWithoutAnIdempotencyKeyIsNeverRepeated() {
        web.post().uri("/api/v1/requests/flaky").header(HttpHeaders.AUTHORIZATION, bearer("resident-1", "RESIDENT"))
                .header("X-Attempt-Key", "plain-post")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"description\":\"tap drips\"}").exchange()
                .expectStatus().isEqualTo(503);
        assertThat(REQUEST_SERVICE.attemptsFor("plain-post")).isEqualTo(1);
    }
}
