package community.dispatch.gateway;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The gateway against three stand-in backends, each answering with its own name and the path it
 * was asked for: every public path must reach the right service, unchanged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayRoutingIT {

    private static final Map<String, DisposableServer> BACKENDS = Map.of(
            "request-service", standIn("request-service"),
            "volunteer-service", standIn("volunteer-service"),
            "member-service", standIn("member-service"));

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("DISPATCH_REQUEST_SERVICE_URI", () -> uri("request-service"));
        registry.add("DISPATCH_VOLUNTEER_SERVICE_URI", () -> uri("volunteer-service"));
        registry.add("DISPATCH_MEMBER_SERVICE_URI", () -> uri("member-service"));
    }

    @AfterAll
    static void stopBackends() {
        BACKENDS.values().forEach(DisposableServer::disposeNow);
    }

    static Stream<Arguments> publicPaths() {
        return Stream.of(
                Arguments.of("/api/v1/requests/42", "request-service"),
                Arguments.of("/api/v1/categories", "request-service"),
                Arguments.of("/open311/v2/services.json", "request-service"),
                Arguments.of("/api/v1/teams/angel", "volunteer-service"),
                Arguments.of("/api/v1/volunteers/7", "volunteer-service"),
                Arguments.of("/api/v1/orders/9/accept", "volunteer-service"),
                Arguments.of("/api/v1/dispatch-rules/preview", "volunteer-service"),
                Arguments.of("/api/v1/members/me", "member-service"),
                Arguments.of("/api/v1/grids/3", "member-service"),
                Arguments.of("/api/v1/places/compounds", "member-service"),
                Arguments.of("/api/v1/organisations", "member-service"),
                Arguments.of("/api/v1/visits", "member-service"),
                Arguments.of("/api/v1/auth/codes", "member-service"),
                Arguments.of("/oauth2/token", "member-service"),
                Arguments.of("/.well-known/openid-configuration", "member-service"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("publicPaths")
    void eachPublicPathReachesItsServiceUnchanged(String path, String service) {
        web.get().uri(path).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(service + " " + path);
    }

    @Test
    void eachServicesOpenApiDocumentIsServedUnderItsName() {
        for (String service : List.of("request-service", "volunteer-service", "member-service")) {
            web.get().uri("/v3/api-docs/" + service).exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).isEqualTo(service + " /v3/api-docs");
        }
    }

    @Test
    void servicesActuatorsAndUnknownPathsAreNotRouted() {
        web.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
        web.get().uri("/api/v1/unknown").exchange().expectStatus().isNotFound();
        web.get().uri("/v3/api-docs/other-service").exchange().expectStatus().isNotFound();
    }

    private static DisposableServer standIn(String name) {
        return HttpServer.create()
                .host("localhost")
                .port(0)
                .handle((request, response) -> response.sendString(Mono.just(name + " " + request.uri())))
                .bindNow();
    }

    private static String uri(String service) {
        return "http://localhost:" + BACKENDS.get(service).port();
    }
}
