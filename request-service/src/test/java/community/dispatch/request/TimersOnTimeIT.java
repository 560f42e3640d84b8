package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * With the default settings (the timer sleeps up to 30 s when nothing is due), a breached deadline is
 * escalated within a second of its due time: the timer sleeps until the next due time, and a deadline
 * written by any instance wakes it to look again.
 */
@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
class TimersOnTimeIT {

    @Autowired
    WebTestClient web;
    @Autowired
    DatabaseClient database;

    @Test
    void aBreachedDeadlineIsEscalatedWithinASecondOfItsDueTime() {
        UUID id = submit("straw-burning", "有人在焚燒秸稈 smoke near the river");
        Instant due = database.sql("SELECT due_at FROM service_request WHERE id = :id").bind("id", id)
                .map(row -> row.get("due_at", Instant.class)).one().block();
        // Straw burning must be dispatched within the hour; let most of it pass, then have a neighbour
        // submit something: that write wakes the timer, which then sleeps until the first deadline.
        MovableClockConfiguration.CLOCK.advance(Duration.between(MovableClockConfiguration.CLOCK.instant(), due)
                .minusSeconds(2));
        submit("river-patrol", "垃圾堵住河道 rubbish blocks the river");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(escalatedAt(id)).isNotNull());
        assertThat(escalatedAt(id)).isBetween(due, due.plusSeconds(1));
    }

    private UUID submit(String category, String description) {
        Map<?, ?> answer = web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(People.resident("G01").token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categoryCode", category, "description", description))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return UUID.fromString((String) ((Map<?, ?>) answer.get("request")).get("id"));
    }

    private Instant escalatedAt(UUID id) {
        return database.sql("SELECT at FROM request_timeline WHERE request_id = :id AND to_status = 'ESCALATED'")
                .bind("id", id).map(row -> row.get("at", Instant.class)).one().block();
    }
}
