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

import community.dispatch.kit.timers.WakeUps;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * With the default settings (the timer sleeps up to 30 s when nothing is due), a breached deadline is
 * escalated within a second of its due time: the timer sleeps until the next due time, and a deadline
 * written within the wake-ups' horizon (by any instance) wakes it to look again — one hours away does not.
 */
@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
class TimersOnTimeIT {

    @Autowired
    WebTestClient web;
    @Autowired
    DatabaseClient database;
    @Autowired
    WakeUps wakeUps;

    @Test
    void aBreachedDeadlineIsEscalatedWithinASecondOfItsDueTime() {
        UUID id = submit("straw-burning", "有人在焚燒秸稈 smoke near the river");
        Instant due = database.sql("SELECT due_at FROM service_request WHERE id = :id").bind("id", id)
                .map(row -> row.get("due_at", Instant.class)).one().block();
        // Straw burning must be dispatched within the hour; let most of it pass, then wake the timer as a deadline
        // written within the horizon would: it looks again, then sleeps until the first deadline.
        MovableClockConfiguration.CLOCK.advance(Duration.between(MovableClockConfiguration.CLOCK.instant(), due)
                .minusSeconds(2));
        database.sql("SELECT pg_notify('dispatch_timers', '')").fetch().rowsUpdated().block();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(escalatedAt(id)).isNotNull());
        assertThat(escalatedAt(id)).isBetween(due, due.plusSeconds(1));
    }

    @Test
    void onlyADeadlineWithinTheHorizonWakesTheTimers() {
        long before = wakeUps.count(WakeUps.Channel.TIMERS);
        submit("river-patrol", "垃圾堵住河道 rubbish blocks the river"); // due in hours: no wake-up
        UUID soon = submit("river-patrol", "垃圾又堵住河道 rubbish again");
        database.sql("UPDATE service_request SET due_at = now() + interval '5 seconds' WHERE id = :id").bind("id", soon)
                .fetch().rowsUpdated().block();

        // Notifications arrive in commit order: had the first submission woken the timers, that would count too.
        await().atMost(Duration.ofSeconds(10)).until(() -> wakeUps.count(WakeUps.Channel.TIMERS) > before);
        assertThat(wakeUps.count(WakeUps.Channel.TIMERS)).as("one wake-up, for the deadline due within 30 s").isEqualTo(before + 1);
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
