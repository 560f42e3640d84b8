package community.dispatch.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import community.dispatch.events.Topics;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.request.RequestReopened;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * OWASP API6:2023, unrestricted access to sensitive business flows: the time bank turns hours into
 * points and points into standing, so the flows that credit hours cannot be driven at will. Honour
 * hours come in bounded entries, at most eight a day even when certified in parallel, for a day of the last
 * thirty, certified by someone else; orders worked at once earn the time that passed once; a reopened request
 * goes to someone else; a volunteer's skills and load are their leaders' or staff's to set. That a volunteer is
 * never offered nor given their own request ({@code TeamScopeIT}), check-out's cap ({@code DispatchIT}) and the
 * reopening limit ({@code RequestsIT}) are asserted where those flows live.
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
@TestPropertySource(properties = "dispatch.test.context=team-scope")
class OwaspApi6SensitiveBusinessFlowsIT extends DispatchingTestSupport {

    private static final ZoneId COMMUNITY = ZoneId.of("Asia/Shanghai");

    @Test
    void honourHoursAreBoundedPerEntryPerDayAndInTime() {
        UUID volunteer = volunteerIn("angel", "00000000-0000-0000-0501");
        UUID leaderId = volunteerIn("angel", "00000000-0000-0000-0502");
        appointLeader("angel", leaderId);
        String leader = TestTokensConfiguration.TOKENS.token(leaderId.toString(), "TEAM_LEADER", "VOLUNTEER");
        LocalDate today = LocalDate.now(COMMUNITY);

        certify(leader, volunteer, 9.0, today).expectStatus().isBadRequest();
        certify(leader, volunteer, 2.0, today.plusDays(1)).expectStatus().isBadRequest();
        certify(leader, volunteer, 2.0, today.minusDays(31)).expectStatus().isBadRequest();
        certify(leader, volunteer, 6.0, today).expectStatus().isCreated();
        certify(leader, volunteer, 2.5, today).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("hours");
        certify(leader, volunteer, 2.0, today).expectStatus().isCreated();
        certify(leader, leaderId, 2.0, today).expectStatus().isForbidden();
        certify(token(volunteer), volunteer, 2.0, today.minusDays(1)).expectStatus().isForbidden();

        web.get().uri("/api/v1/volunteers/" + volunteer + "/hours?from=" + today.minusDays(31) + "&to=" + today)
                .headers(h -> h.setBearerAuth(token(volunteer))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.honourHours").isEqualTo(8.0);
    }

    @Test
    void certificationsFiredInParallelStillStopAtEightHoursADay() {
        UUID volunteer = volunteerIn("angel", "00000000-0000-0000-0503");
        UUID leaderId = volunteerIn("angel", "00000000-0000-0000-0504");
        appointLeader("angel", leaderId);
        String leader = TestTokensConfiguration.TOKENS.token(leaderId.toString(), "TEAM_LEADER", "VOLUNTEER");
        LocalDate day = LocalDate.now(COMMUNITY).minusDays(2);

        List<Integer> statuses = Flux.range(0, 8).parallel(8).runOn(Schedulers.boundedElastic())
                .map(i -> certify(leader, volunteer, 2.0, day).returnResult(String.class).getStatus().value())
                .sequential().collectList().block();

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(4);
        assertThat(statuses).filteredOn(status -> status == 400).hasSize(4);
        assertThat(database.sql("SELECT sum(hours) AS total FROM honour_hours WHERE volunteer_id = :v AND on_date = :day")
                .bind("v", volunteer).bind("day", day).map(row -> row.get("total", BigDecimal.class).doubleValue()).one().block())
                .isEqualTo(8.0);
    }

    @Test
    void ordersWorkedAtOnceEarnTheTimeThatPassedOnceAndAReopenedRequestGoesToSomeoneElse() {
        // Alone in the team, so both requests come to this volunteer.
        database.sql("UPDATE volunteer SET teams = array_remove(teams, 'lebei')").fetch().rowsUpdated().block();
        UUID volunteer = volunteerIn("lebei", "00000000-0000-0000-0505");
        web.put().uri("/api/v1/volunteers/" + volunteer + "/profile").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("maxConcurrent", 2)).exchange().expectStatus().isOk();
        UUID first = submit("childcare", "DISPATCH");
        UUID second = submit("childcare", "DISPATCH");
        UUID firstOrder = awaitOffer(first, volunteer);
        UUID secondOrder = awaitOffer(second, volunteer);
        for (UUID order : List.of(firstOrder, secondOrder)) {
            post(volunteer, "/api/v1/orders/" + order + "/acceptance", Map.of()).expectStatus().isOk();
            post(volunteer, "/api/v1/orders/" + order + "/check-in", Map.of()).expectStatus().isOk();
        }
        double firstHours = hoursOf(post(volunteer, "/api/v1/orders/" + firstOrder + "/check-out", Map.of()));
        double secondHours = hoursOf(post(volunteer, "/api/v1/orders/" + secondOrder + "/check-out", Map.of()));
        assertThat(firstHours).as("a short job earns half an hour").isEqualTo(0.5);
        assertThat(secondHours).as("worked in the same minutes: nothing more").isZero();

        UUID someoneElse = volunteerIn("lebei", "00000000-0000-0000-0506");
        awaitProcessed(publish(Topics.REQUEST_EVENTS, first, new RequestReopened(first, "rated 1 star")));
        UUID again = awaitOffer(first, someoneElse);
        assertThat(orderEvents(first)).as("never offered again to the volunteer who did it")
                .filteredOn(event -> event.type().equals("community.dispatch.order.offered.v1"))
                .extracting(event -> codec.data(event, OrderOffered.class).volunteerId())
                .containsOnlyOnce(volunteer).contains(someoneElse);
        assertThat(again).isNotEqualTo(firstOrder);
    }

    @Test
    void skillsAndLoadAreSetByLeadersOrStaffNeverByTheVolunteerAndAudited() {
        UUID volunteer = volunteerIn("angel", "00000000-0000-0000-0507");
        UUID leaderId = volunteerIn("angel", "00000000-0000-0000-0508");
        appointLeader("angel", leaderId);
        String leader = TestTokensConfiguration.TOKENS.token(leaderId.toString(), "TEAM_LEADER", "VOLUNTEER");

        profile(token(volunteer), volunteer, Map.of("skills", Map.of("nursing", 5), "maxConcurrent", 10))
                .expectStatus().isForbidden();
        // Nor a leader their own.
        profile(leader, leaderId, Map.of("skills", Map.of("nursing", 5))).expectStatus().isForbidden();
        web.put().uri("/api/v1/volunteers/" + volunteer + "/availability").headers(h -> h.setBearerAuth(token(volunteer)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("weekly", List.of(Map.of("day", "SATURDAY", "from", "08:00", "to", "12:00")))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.skills.nursing").doesNotExist();
        profile(leader, volunteer, Map.of("skills", Map.of("nursing", 3), "maxConcurrent", 3)).expectStatus().isOk()
                .expectBody().jsonPath("$.skills.nursing").isEqualTo(3).jsonPath("$.maxConcurrent").isEqualTo(3)
                .jsonPath("$.availability.weekly[0].day").isEqualTo("SATURDAY");

        String trail = web.get().uri("/api/v1/teams/audit?target=" + volunteer).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(trail).contains("volunteer.profile-set", "\"outcome\":\"DONE\"", "\"outcome\":\"REFUSED\"");
    }

    private WebTestClient.ResponseSpec profile(String token, UUID volunteer, Map<String, Object> body) {
        return web.put().uri("/api/v1/volunteers/" + volunteer + "/profile").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static double hoursOf(WebTestClient.ResponseSpec checkOut) {
        return ((Number) checkOut.expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("hours")).doubleValue();
    }

    private WebTestClient.ResponseSpec certify(String token, UUID volunteer, double hours, LocalDate onDate) {
        return web.post().uri("/api/v1/volunteers/" + volunteer + "/honour-hours").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("hours", hours, "activity", "Mending uniforms for the school", "onDate", onDate.toString()))
                .exchange();
    }
}
