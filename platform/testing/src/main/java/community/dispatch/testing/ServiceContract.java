package community.dispatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What every domain service promises once started against real PostgreSQL and Kafka: it reports
 * healthy (database and broker included), serves its OpenAPI document, and answers an unknown
 * caller with a 401 problem. A service's context IT implements this with its own application.
 */
public interface ServiceContract {

    WebTestClient web();

    /** The {@code spring.application.name} the service runs as. */
    String serviceName();

    @Test
    default void reportsHealthyWithItsDatabaseAndBroker() {
        web().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP");
        web().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        web().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    default void servesItsOpenApiDocument() {
        web().get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.openapi").value(version -> assertThat((String) version).startsWith("3."))
                .jsonPath("$.info.title").isEqualTo(serviceName());
    }

    @Test
    default void answersAnUnknownCallerWith401Problem() {
        web().get().uri("/api/v1/anything").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized");
    }

    @Test
    default void keepsItsActuatorToHealthAndInfo() {
        web().get().uri("/actuator/env").exchange()
                .expectStatus().value(status -> assertThat(status).isIn(401, 404));
    }
}
