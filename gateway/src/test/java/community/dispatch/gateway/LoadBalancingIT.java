package community.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With two instances of a service (cluster mode), the gateway spreads calls over both, and when one
 * dies, callers do not notice: a call that cannot connect is made again on the other instance, reads
 * and keyed submissions alike, sign-in included (nothing was sent, so nothing can happen twice). (Without a slow
 * start here, and with a short ejection, so an instance this test stopped is back in turn for the next test:
 * {@code RotationIT} has both.)
 */
@TestPropertySource(properties = { "DISPATCH_RATE_LIMIT=100000", "dispatch.gateway.rotation.slow-start=0s",
        "dispatch.gateway.rotation.ejection=1s" })
class LoadBalancingIT extends GatewayTest {

    static final StandInService SECOND_REQUEST_SERVICE = new StandInService("request-service-2", TOKENS.jwkSetJson());

    static final StandInService SECOND_MEMBER_SERVICE = new StandInService("member-service-2", TOKENS.jwkSetJson());

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void twoInstances(DynamicPropertyRegistry registry) {
        registry.add("dispatch.gateway.instances.request-service", () -> REQUEST_SERVICE.uri() + "," + SECOND_REQUEST_SERVICE.uri());
        registry.add("dispatch.gateway.instances.member-service", () -> MEMBER_SERVICE.uri() + "," + SECOND_MEMBER_SERVICE.uri());
    }

    @AfterAll
    static void stopSecondInstances() {
        SECOND_REQUEST_SERVICE.stop();
        SECOND_MEMBER_SERVICE.stop();
    }

    @Test
    void callsAreSpreadOverBothInstancesInTurn() {
        // An instance started again rejoins the rotation at its next readiness check.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            int firstBefore = REQUEST_SERVICE.calls();
            int secondBefore = SECOND_REQUEST_SERVICE.calls();
            for (int call = 0; call < 10; call++) {
                web.get().uri("/api/v1/requests/" + call).header(HttpHeaders.AUTHORIZATION, bearer("resident-1", "RESIDENT"))
                        .exchange().expectStatus().isOk();
            }
            // Round-robin: 5 each, give or take a call made while a readiness round was being counted.
            assertThat(REQUEST_SERVICE.calls() - firstBefore).isBetween(4, 6);
            assertThat(SECOND_REQUEST_SERVICE.calls() - secondBefore).isBetween(4, 6);
        });
    }

    @Test
    void whenOneInstanceIsDownEveryCallIsServedByTheOther() {
        String token = bearer("resident-1", "RESIDENT");
        SECOND_REQUEST_SERVICE.stop();
        SECOND_MEMBER_SERVICE.stop();
        try {
            int servedBefore = REQUEST_SERVICE.calls();
            for (int call = 0; call < 6; call++) {
                web.get().uri("/api/v1/requests/" + call).header(HttpHeaders.AUTHORIZATION, token)
                        .exchange().expectStatus().isOk()
                        .expectBody(String.class).isEqualTo("request-service GET /api/v1/requests/" + call);
                web.post().uri("/api/v1/requests").header(HttpHeaders.AUTHORIZATION, token)
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                        .exchange().expectStatus().isOk()
                        .expectBody(String.class).isEqualTo("request-service POST /api/v1/requests");
                web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                        .exchange().expectStatus().isOk()
                        .expectBody(String.class).isEqualTo("member-service POST /api/v1/auth/login");
            }
            assertThat(REQUEST_SERVICE.calls() - servedBefore).isEqualTo(12);
        }
        finally {
            SECOND_REQUEST_SERVICE.start();
            SECOND_MEMBER_SERVICE.start();
        }
    }
}
