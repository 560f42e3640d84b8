package community.dispatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * What every domain service promises once started against real PostgreSQL and Kafka: it reports
 * healthy (database and broker included), serves its OpenAPI document, answers an unknown caller
 * with a 401 problem and a known one with problems too, exports its metrics for a scraper, and
 * exposes no other actuator endpoint than health and info — all of the actuator on its management port,
 * only liveness and readiness on the port it serves. A service's context IT extends this and is annotated
 * {@link ServiceIntegrationTest} (with {@link TestTokensConfiguration}, or overriding {@link #staffToken()}).
 */
public abstract class ServiceContract {

    @Autowired
    private WebTestClient web;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping handlers;

    @Value("${spring.application.name}")
    private String serviceName;

    @LocalManagementPort
    private int managementPort;

    protected WebTestClient web() {
        return web;
    }

    /** The process's management port: health in detail and metrics (loopback, never routed by the gateway). */
    protected WebTestClient management() {
        // A busy service's metrics pass the client's default 256 KB buffer.
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + managementPort)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 << 20)).build();
    }

    @Test
    public void reportsHealthyWithItsDatabaseAndBrokerOnItsManagementPort() {
        management().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
                .jsonPath("$.components.kafka.status").isEqualTo("UP");
        management().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        management().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    /** The serving port answers liveness and readiness, status only, for load balancers and probes; nothing more. */
    @Test
    public void answersLivenessAndReadinessOnItsServingPortButNoActuator() {
        web().get().uri("/livez").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        web().get().uri("/readyz").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components.r2dbc").doesNotExist();
        for (String path : new String[] { "/actuator/health", "/actuator/prometheus", "/actuator/info" }) {
            web().get().uri(path).headers(h -> h.setBearerAuth(staffToken())).exchange().expectStatus().isNotFound();
        }
    }

    /**
     * Serves its OpenAPI document, and leaves a copy in {@code target/openapi.json} for the linter
     * {@code .ci/run} runs over every service's document after the build.
     */
    @Test
    public void servesItsOpenApiDocument() throws IOException {
        byte[] document = web().get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.openapi").value(version -> assertThat((String) version).startsWith("3."))
                .jsonPath("$.info.title").isEqualTo(serviceName)
                .returnResult().getResponseBody();
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "openapi.json"), document);
    }

    /**
     * An administrator can work from Swagger alone: every operation says what it does, which errors it
     * answers, and shows an example of what to send and what comes back.
     */
    @Test
    public void documentsEveryOperationWellEnoughToWorkFromSwaggerAlone() {
        Map<String, Object> document = web().get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        assertThat(OpenApiCompleteness.gaps(document)).as("operations Swagger cannot explain").isEmpty();
    }

    /**
     * OWASP API9:2023, improper inventory management: the document is the inventory. Every operation
     * the service answers is in it (nothing hidden, nothing forgotten), so the access matrix, which
     * has a row per documented operation, covers every endpoint there is.
     */
    @Test
    @SuppressWarnings("unchecked")
    public void servesNoOperationItsDocumentLeavesOut() {
        Map<String, Object> document = web().get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> item.keySet()
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));
        Set<String> served = new TreeSet<>();
        handlers.getHandlerMethods().forEach((mapping, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("community.dispatch")) {
                return;
            }
            mapping.getPatternsCondition().getPatterns().forEach(pattern -> mapping.getMethodsCondition().getMethods()
                    .forEach(method -> served.add(method.name() + " " + pattern.getPatternString())));
        });
        assertThat(served).as("operations served").isNotEmpty();
        assertThat(documented).as("the OpenAPI document").containsAll(served);
    }

    @Test
    public void answersAnUnknownCallerWith401Problem() {
        web().get().uri("/api/v1/anything").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized");
    }

    /** A token the issuer made for other processes (its {@code aud} does not name this one) is refused. */
    @Test
    public void refusesATokenMeantForOthers() {
        web().get().uri("/api/v1/nothing-here").headers(h -> h.setBearerAuth(tokenMeantForOthers())).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web().get().uri("/api/v1/nothing-here").headers(h -> h.setBearerAuth(staffToken())).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    public void answersAnUnknownPathWith404ProblemEvenWithAValidToken() {
        web().get().uri("/api/v1/nothing-here").headers(h -> h.setBearerAuth(staffToken())).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("not-found");
    }

    @Test
    public void exportsItsMetricsToAScraperWithoutAToken() {
        String metrics = management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("jvm_memory_used_bytes", "http_server_requests_seconds_count",
                "dispatch_outbox_pending_events");
    }

    /**
     * Every table has a retention rule and every rule a table (a table added without one would grow for ever
     * unnoticed), and the service's README says what the rules say ({@code kit.retention}, in {@code /actuator/info}).
     */
    @Test
    public void keepsEveryTableAsLongAsARuleSaysAndItsReadmeSaysIt() throws IOException {
        Map<String, Object> retention = management().get().uri("/actuator/info").exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Map<String, Object>>>() { })
                .returnResult().getResponseBody().get("retention");
        assertThat(retention).as("retention in /actuator/info").isNotNull();
        assertThat((List<?>) retention.get("tablesWithoutRule")).as("tables without a retention rule").isEmpty();
        assertThat((List<?>) retention.get("rulesWithoutTable")).as("retention rules naming no table").isEmpty();
        assertThat(Files.readString(Path.of("README.md"))).as("the README's \"Data kept\"")
                .contains((String) retention.get("readme"));
    }

    @Test
    public void exposesNoActuatorEndpointBeyondHealthInfoAndMetrics() {
        for (String endpoint : new String[] { "env", "beans", "configprops", "heapdump", "loggers" }) {
            management().get().uri("/actuator/" + endpoint).headers(h -> h.setBearerAuth(staffToken())).exchange()
                    .expectStatus().isNotFound();
        }
    }

    /** An admin's token, valid in every way but meant for other processes only. */
    protected String tokenMeantForOthers() {
        return TestTokensConfiguration.TOKENS.meantFor("gateway", "another-service").token("contract-admin", "ADMIN");
    }

    /** A token with the ADMIN role that the service accepts; by default one from {@link TestTokensConfiguration}. */
    protected String staffToken() {
        return TestTokensConfiguration.TOKENS.token("contract-admin", "ADMIN");
    }
}
