package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * Cluster mode: two request-service instances on one database and broker. A keyed submission the
 * gateway sends to both (it repeats a call on the other instance when the first breaks off) is stored
 * once and both answers name it; a deadline both instances' timers see pass is escalated once.
 */
@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
@TestPropertySource(properties = { TwoInstancesIT.TIMER, "dispatch.test.context=two-instances" })
class TwoInstancesIT {

    /** Both instances look at their timers often, so they race for the same deadlines when the clock moves. */
    static final String TIMER = "dispatch.requests.timer-interval=500ms";

    @Autowired
    WebTestClient web;
    @Autowired
    DatabaseClient database;
    @Autowired
    Environment environment;

    @Test
    void aKeyedSubmissionSentToBothIsStoredOnceAndAMissedDeadlineEscalatedOnce() {
        String resident = People.resident("G01").token();
        try (ConfigurableApplicationContext second = secondInstance()) {
            WebTestClient other = WebTestClient.bindToServer().responseTimeout(Duration.ofSeconds(30))
                    .baseUrl("http://localhost:" + second.getEnvironment().getRequiredProperty("local.server.port")).build();
            List<String> requests = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String key = UUID.randomUUID().toString();
                String description = "两个实例 two instances " + key;
                CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> submit(web, resident, key, description));
                CompletableFuture<String> again = CompletableFuture.supplyAsync(() -> submit(other, resident, key, description));
                assertThat(again.join()).as("both answers name one request").isEqualTo(first.join());
                assertThat(count("SELECT count(*) AS n FROM service_request WHERE details->>'description' = :x", description))
                        .isEqualTo(1L);
                requests.add(first.join());
            }

            // River patrol is URGENT: dispatched within 2 hours. Both instances' timers see them all pass.
            MovableClockConfiguration.CLOCK.advance(Duration.ofHours(3));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(requests)
                    .allSatisfy(id -> assertThat(status(id)).isEqualTo("ESCALATED")));
            for (String id : requests) {
                assertThat(count("SELECT count(*) AS n FROM request_timeline WHERE request_id = CAST(:x AS uuid) "
                        + "AND to_status = 'ESCALATED'", id)).as("escalated once: %s", id).isEqualTo(1L);
                assertThat(count("SELECT count(*) AS n FROM outbox_event WHERE payload->>'subject' = :x "
                        + "AND event_type LIKE '%request.escalated%'", id)).as("one escalation event: %s", id).isEqualTo(1L);
            }
        }
    }

    private static String submit(WebTestClient client, String token, String key, String description) {
        Map<?, ?> answer = client.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(token))
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categoryCode", "river-patrol", "description", description))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) ((Map<?, ?>) answer.get("request")).get("id");
    }

    private ConfigurableApplicationContext secondInstance() {
        String[] arguments = Stream.concat(
                        Stream.of("spring.r2dbc.url", "spring.r2dbc.username", "spring.r2dbc.password", "spring.flyway.url",
                                        "spring.flyway.user", "spring.flyway.password", "spring.kafka.bootstrap-servers")
                                .map(name -> "--" + name + "=" + environment.getProperty(name)),
                        Stream.of("--server.port=0", "--management.server.port=0", "--" + TIMER))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(RequestServiceApplication.class, TestTokensConfiguration.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", MovableClockConfiguration.CLOCK))
                .run(arguments);
    }

    private String status(String id) {
        return database.sql("SELECT status FROM service_request WHERE id = :id").bind("id", UUID.fromString(id))
                .map(row -> row.get("status", String.class)).one().block();
    }

    private long count(String sql, String value) {
        return database.sql(sql).bind("x", value).map(row -> row.get("n", Long.class)).one().block();
    }
}
