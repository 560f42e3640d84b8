package community.dispatch.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.events.Topics;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * Dispatch that knows when: a request wanted tomorrow afternoon is not offered today to whoever is free now,
 * but two hours before the afternoon (dispatch.dispatching.window-lead) to the volunteer free then.
 */
@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
@TestPropertySource(properties = { "dispatch.dispatching.timer-interval=300ms", "dispatch.test.context=windows" })
class PreferredWindowIT extends DispatchingTestSupport {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aRequestForTomorrowAfternoonIsOfferedBeforeItToTheVolunteerFreeThen() {
        database.sql("UPDATE volunteer SET teams = array_remove(teams, 'weaver')").fetch().rowsUpdated().block();
        UUID afternoons = volunteerIn("weaver", "00000000-0000-0000-0501");
        UUID mornings = volunteerIn("weaver", "00000000-0000-0000-0502");
        freeEveryDay(afternoons, "14:00", "18:00");
        freeEveryDay(mornings, "08:00", "12:00");

        ZonedDateTime now = MovableClockConfiguration.CLOCK.instant().atZone(SHANGHAI);
        ZonedDateTime from = now.toLocalDate().plusDays(1).atTime(15, 0).atZone(SHANGHAI);
        UUID request = UUID.randomUUID();
        awaitProcessed(publish(Topics.REQUEST_EVENTS, request, new RequestSubmitted(request, "sewing-mending", "NORMAL", "APP",
                UUID.randomUUID(), now.toInstant(), "DISPATCH", "C01", "G01", from.toInstant(), from.plusHours(2).toInstant())));
        assertThat(offersFor(request)).as("nothing is offered a day ahead").isZero();

        MovableClockConfiguration.CLOCK.advance(Duration.between(MovableClockConfiguration.CLOCK.instant(),
                from.minusHours(2).plusMinutes(1).toInstant()));
        awaitOffer(request, afternoons);
        assertThat(database.sql("SELECT volunteer_id FROM order_offer WHERE request_id = :id").bind("id", request)
                .map(row -> row.get("volunteer_id", UUID.class)).all().collectList().block())
                .as("offered once, to the one free in the window").containsExactly(afternoons);
    }

    private void freeEveryDay(UUID volunteer, String from, String to) {
        web.put().uri("/api/v1/volunteers/" + volunteer + "/profile").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("maxConcurrent", 5)).exchange().expectStatus().isOk();
        web.put().uri("/api/v1/volunteers/" + volunteer + "/availability").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("weekly", Arrays.stream(DayOfWeek.values())
                        .map(day -> Map.of("day", day.name(), "from", from, "to", to)).toList()))
                .exchange().expectStatus().isOk();
    }
}
