package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.FromTheGateway;
import community.dispatch.testing.ServiceIntegrationTest;

/**
 * Cluster mode: two member-service instances started at the same moment on an empty database both
 * come up, make one first admin and load the demo community once (one event per member), and a
 * token one instance issues opens the other (they sign with the same key, kept in the database).
 */
@ServiceIntegrationTest
@TestPropertySource(properties = {
        "dispatch.auth.issuer=" + Accounts.ISSUER,
        "dispatch.auth.signing-key-secret=" + Accounts.SIGNING_KEY_SECRET,
        "dispatch.edge.secret=" + FromTheGateway.SECRET,
        "dispatch.auth.admin-password=" + TwoInstancesIT.PASSWORD,
        "dispatch.sandbox.texts=true" })
class TwoInstancesIT {

    static final String PASSWORD = "two-instances-admin-password";

    @Autowired
    Environment environment;

    @Autowired
    DatabaseClient database;

    @Test
    void twoInstancesStartingTogetherShareOneAdminOneCommunityAndTheirTokens() {
        String name = "twins_" + Long.toHexString(System.nanoTime());
        database.sql("CREATE DATABASE " + name).then().block();

        CompletableFuture<ConfigurableApplicationContext> first = CompletableFuture.supplyAsync(() -> start(name));
        CompletableFuture<ConfigurableApplicationContext> second = CompletableFuture.supplyAsync(() -> start(name));
        try (ConfigurableApplicationContext one = first.join(); ConfigurableApplicationContext two = second.join()) {
            DatabaseClient twins = one.getBean(DatabaseClient.class);
            Map<String, Object> census = twins.sql("""
                            SELECT (SELECT count(*) FROM member WHERE username = 'admin') AS admins,
                                   (SELECT count(*) FROM compound) AS compounds,
                                   (SELECT count(*) FROM member) AS members,
                                   (SELECT count(*) FROM outbox_event
                                     WHERE event_type = 'community.dispatch.member.registered.v1') AS registered_events
                            """)
                    .fetch().one().block(Duration.ofSeconds(10));
            assertThat(census).containsEntry("admins", 1L).containsEntry("compounds", 12L);
            assertThat(census.get("registered_events")).as("one event per member").isEqualTo(census.get("members"));

            String token = (String) client(one).post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", "admin", "password", PASSWORD)).exchange()
                    .expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("access_token");
            client(two).get().uri("/api/v1/audit").headers(headers -> headers.setBearerAuth(token)).exchange()
                    .expectStatus().isOk();
        }
    }

    private ConfigurableApplicationContext start(String databaseName) {
        String currentDatabase = environment.getRequiredProperty("spring.r2dbc.url")
                .replaceAll(".*/([^/?]+)(\\?.*)?$", "$1");
        String[] arguments = Stream.concat(
                        Stream.of("spring.r2dbc.url", "spring.flyway.url")
                                .map(property -> "--" + property + "=" + environment.getRequiredProperty(property)
                                        .replace("/" + currentDatabase, "/" + databaseName)),
                        Stream.concat(
                                Stream.of("spring.r2dbc.username", "spring.r2dbc.password", "spring.flyway.user",
                                                "spring.flyway.password", "spring.kafka.bootstrap-servers")
                                        .map(property -> "--" + property + "=" + environment.getProperty(property)),
                                Stream.of("--server.port=0", "--management.server.port=0", "--dispatch.demo-data.enabled=true",
                                        "--dispatch.auth.admin-password=" + PASSWORD,
                                        "--dispatch.auth.issuer=" + Accounts.ISSUER,
                                        "--dispatch.auth.signing-key-secret=" + Accounts.SIGNING_KEY_SECRET,
                                        "--dispatch.edge.secret=" + FromTheGateway.SECRET,
                                        "--dispatch.sandbox.texts=true")))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(MemberServiceApplication.class).run(arguments);
    }

    private static WebTestClient client(ConfigurableApplicationContext instance) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + instance.getEnvironment().getRequiredProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }
}
