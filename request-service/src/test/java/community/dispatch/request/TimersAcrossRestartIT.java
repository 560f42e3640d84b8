package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.kit.timers.DatabaseTimer;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * A deadline that passes while the service is down is caught by the next instance to start: the
 * timers live in the database, not in memory.
 */
@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
class TimersAcrossRestartIT {

    @Autowired
    WebTestClient web;
    @Autowired
    DatabaseClient database;
    @Autowired
    Environment environment;
    @Autowired
    @Qualifier("requestTimer")
    DatabaseTimer timer;

    @Test
    void aDeadlineMissedWhileDownEscalatesWhenTheServiceStartsAgain() {
        timer.stop(); // this instance is "down": its timer fires nothing until the test ends
        try {
            deadlineMissedWhileNoTimerRuns();
        }
        finally {
            timer.start();
        }
    }

    private void deadlineMissedWhileNoTimerRuns() {
        Map<?, ?> answer = web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(People.resident("G01").token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categoryCode", "river-patrol", "description", "垃圾堵住河道 rubbish blocks the river"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String id = (String) ((Map<?, ?>) answer.get("request")).get("id");
        // River patrol is URGENT: dispatched within 2 hours. They pass while this instance's timer waits.
        MovableClockConfiguration.CLOCK.advance(Duration.ofHours(3));
        assertThat(status(id)).as("no instance is running timers").isEqualTo("SUBMITTED");

        // Command-line arguments outrank application.yml, as the stack's environment variables do.
        String[] arguments = Stream.of("spring.r2dbc.url", "spring.r2dbc.username", "spring.r2dbc.password",
                        "spring.flyway.url", "spring.flyway.user", "spring.flyway.password", "spring.kafka.bootstrap-servers")
                .map(name -> "--" + name + "=" + environment.getProperty(name))
                .toArray(String[]::new);
        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(RequestServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", MovableClockConfiguration.CLOCK))
                .run(Stream.concat(Arrays.stream(arguments),
                        Stream.of("--server.port=0", "--management.server.port=0", "--dispatch.requests.timer-interval=500ms"))
                        .toArray(String[]::new))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(id)).isEqualTo("ESCALATED"));
        }
        assertThat(database.sql("SELECT reason FROM request_timeline WHERE request_id = :id AND to_status = 'ESCALATED'")
                .bind("id", UUID.fromString(id)).map(row -> row.get("reason", String.class)).one().block())
                .startsWith("dispatch deadline");
    }

    private String status(String id) {
        return database.sql("SELECT status FROM service_request WHERE id = :id").bind("id", UUID.fromString(id))
                .map(row -> row.get("status", String.class)).one().block();
    }
}
