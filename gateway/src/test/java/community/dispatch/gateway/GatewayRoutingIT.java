package community.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.ChunkedFlood;
import community.dispatch.web.client.EdgeSeal;

/**
 * Every public path reaches the right service unchanged; anything else, the services' actuators
 * included, is a 404 problem; every call carries a correlation id there and back; bodies over the
 * limit stop at the gateway.
 */
class GatewayRoutingIT extends GatewayTest {

    @Autowired
    WebTestClient web;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    static Stream<Arguments> publicPaths() {
        return Stream.of(
                Arguments.of("/api/v1/requests/42", REQUEST_SERVICE, "request-service"),
                Arguments.of("/api/v1/requests/kpis", REQUEST_SERVICE, "request-service"),
                Arguments.of("/api/v1/categories", REQUEST_SERVICE, "request-service"),
                Arguments.of("/open311/v2/services.json", REQUEST_SERVICE, "request-service"),
                Arguments.of("/api/v1/open311/api-keys", REQUEST_SERVICE, "request-service"),
                Arguments.of("/api/v1/teams/angel", VOLUNTEER_SERVICE, "volunteer-service"),
                Arguments.of("/api/v1/volunteers/7", VOLUNTEER_SERVICE, "volunteer-service"),
                Arguments.of("/api/v1/orders/9/accept", VOLUNTEER_SERVICE, "volunteer-service"),
                Arguments.of("/api/v1/dispatch-rules/preview", VOLUNTEER_SERVICE, "volunteer-service"),
                Arguments.of("/api/v1/members/me", MEMBER_SERVICE, "member-service"),
                Arguments.of("/api/v1/grids/3", MEMBER_SERVICE, "member-service"),
                Arguments.of("/api/v1/places/compounds", MEMBER_SERVICE, "member-service"),
                Arguments.of("/api/v1/organisations", MEMBER_SERVICE, "member-service"),
                Arguments.of("/api/v1/visits", MEMBER_SERVICE, "member-service"),
                Arguments.of("/api/v1/audit", MEMBER_SERVICE, "member-service"),
                Arguments.of("/api/v1/auth/sms-sandbox", MEMBER_SERVICE, "member-service"),
                Arguments.of("/.well-known/openid-configuration", MEMBER_SERVICE, "member-service"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("publicPaths")
    void eachPublicPathReachesItsServiceUnchanged(String path, StandInService service, String name) {
        web.get().uri(path + "?page=1").header(HttpHeaders.AUTHORIZATION, bearer("resident-1", "RESIDENT")).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(name + " GET " + path + "?page=1");
        assertThat(service.lastHeaders().get(HttpHeaders.AUTHORIZATION))
                .as("the token travels on: the service checks it again").startsWith("Bearer ");
    }

    @Test
    void signInAndTokenCallsReachMemberService() {
        for (String path : List.of("/api/v1/auth/login", "/api/v1/auth/codes", "/oauth2/token")) {
            web.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).isEqualTo("member-service POST " + path);
        }
    }

    @Test
    void eachServicesOpenApiDocumentIsServedUnderItsName() {
        for (String service : List.of("request-service", "volunteer-service", "member-service")) {
            web.get().uri("/v3/api-docs/" + service).exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).isEqualTo(service + " GET /v3/api-docs");
        }
    }

    @Test
    void servicesActuatorsAndUnknownPathsAreNotFoundProblems() {
        String token = bearer("admin-1", "ADMIN");
        for (String path : List.of("/actuator/env", "/api/v1/unknown", "/v3/api-docs/other-service",
                "/fallback", "/request-service/actuator/health")) {
            web.get().uri(path).header(HttpHeaders.AUTHORIZATION, token).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("not-found");
        }
    }

    @Test
    void aPathThatClimbsOutOfItsRouteIsRefused() {
        web.get().uri("/api/v1/requests/../../actuator/env").header(HttpHeaders.AUTHORIZATION, bearer("admin-1", "ADMIN"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theCallersTraceContinuesInTheCallToTheService() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        web.get().uri("/api/v1/categories").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").exchange()
                .expectStatus().isOk();
        assertThat(REQUEST_SERVICE.lastHeaders().get("traceparent"))
                .as("the same trace, the gateway's own span as parent")
                .matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void theGatewaysOwnMetricsAndHealthAreOnItsManagementPortOnlyAndNoServicesAreRouted() {
        web.get().uri("/api/v1/categories").exchange().expectStatus().isOk();
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort).build();
        String metrics = management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("http_server_requests_seconds_count", "spring_cloud_gateway_requests_seconds_count");
        management.get().uri("/actuator/health").exchange().expectStatus().isOk();

        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/info", "/request-service/actuator/prometheus")) {
            web.get().uri(path).exchange().expectStatus().isNotFound();
        }
        web.get().uri("/readyz").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
        web.get().uri("/livez").exchange().expectStatus().isOk();
    }

    @Test
    void theCallersRequestIdTravelsToTheServiceAndBack() {
        web.get().uri("/api/v1/categories").header("X-Request-Id", "mobile-7f3a.42").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "mobile-7f3a.42");
        assertThat(REQUEST_SERVICE.lastHeaders().get("X-Request-Id")).isEqualTo("mobile-7f3a.42");
    }

    @Test
    void aCallWithoutUsableRequestIdGetsANewOneThatTheServiceSeesToo() {
        for (String unusable : new String[] { null, "not acceptable; contains spaces" }) {
            WebTestClient.RequestHeadersSpec<?> call = web.get().uri("/api/v1/categories");
            if (unusable != null) {
                call = call.header("X-Request-Id", unusable);
            }
            String id = call.exchange().expectStatus().isOk()
                    .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
            assertThat(id).matches("[0-9a-f-]{36}");
            assertThat(REQUEST_SERVICE.lastHeaders().get("X-Request-Id")).isEqualTo(id);
        }
    }

    @Test
    void errorsTheGatewayAnswersItselfCarryTheRequestIdToo() {
        web.get().uri("/api/v1/requests").header("X-Request-Id", "no-token-call").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals("X-Request-Id", "no-token-call");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeAnyServiceIsCalled() {
        int callsBefore = REQUEST_SERVICE.calls();
        web.post().uri("/api/v1/requests").header(HttpHeaders.AUTHORIZATION, bearer("resident-1", "RESIDENT"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"description\":\"" + "x".repeat(1_100_000) + "\"}")
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("payload-too-large")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("1 MB"));
        assertThat(REQUEST_SERVICE.calls()).isEqualTo(callsBefore);
    }

    /**
     * A body that declares no length (chunked) is counted as it streams: an anonymous Open311 write with an
     * Idempotency-Key and 256 MB of body is cut off at the limit, and the service never gets the call.
     */
    @Test
    void aChunkedBodyIsCountedAsItStreamsAndStoppedAtTheLimit() {
        int callsBefore = REQUEST_SERVICE.calls();
        ChunkedFlood.Outcome flood = ChunkedFlood.post(port, "/open311/v2/requests.json",
                Map.of("Idempotency-Key", "chunked-1", "Content-Type", MediaType.APPLICATION_FORM_URLENCODED_VALUE), 256L << 20);
        assertThat(flood.status()).isEqualTo(413);
        assertThat(flood.body()).contains("\"code\":\"payload-too-large\"");
        assertThat(flood.bytesSent()).as("the gateway stopped reading long before the end").isLessThan(64L << 20);
        assertThat(REQUEST_SERVICE.calls()).isEqualTo(callsBefore);
    }

    @Test
    void answersCarryStandardSecurityHeaders() {
        web.get().uri("/api/v1/categories").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().value("Content-Security-Policy", policy -> assertThat(policy).contains("frame-ancestors 'none'"));
    }

    @Test
    void aClientCannotForgeItsAddressAndTheServicesLearnTheRealOneSealed() {
        web.get().uri("/api/v1/categories").header("X-Forwarded-For", "203.0.113.9").header("Forwarded", "for=203.0.113.10")
                .header(EdgeSeal.ADDRESS_HEADER, "203.0.113.11").header(EdgeSeal.SEAL_HEADER, "forged").exchange()
                .expectStatus().isOk();
        // The services count sign-in attempts per this address: it must be the client's, as the gateway saw it.
        String told = REQUEST_SERVICE.lastHeaders().get(EdgeSeal.ADDRESS_HEADER);
        assertThat(told).matches("127\\.0\\.0\\.1|0:0:0:0:0:0:0:0/64");
        assertThat(new EdgeSeal(EDGE_SECRET).sealed(told, REQUEST_SERVICE.lastHeaders().get(EdgeSeal.SEAL_HEADER)))
                .as("sealed with the edge secret, so the service believes it").isTrue();
        assertThat(REQUEST_SERVICE.lastHeaders().getAll(EdgeSeal.ADDRESS_HEADER)).as("what the client sent is replaced").hasSize(1);
    }
}
