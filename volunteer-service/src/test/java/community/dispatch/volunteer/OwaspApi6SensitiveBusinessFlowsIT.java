package community.dispatch.volunteer;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * OWASP API6:2023, unrestricted access to sensitive business flows: the time bank turns hours into
 * points and points into standing, so the flows that credit hours cannot be driven at will. Honour
 * hours come in bounded entries, at most eight a day, for a day of the last thirty, certified by
 * someone else. That a volunteer is never offered nor given their own request ({@code TeamScopeIT}),
 * check-out's cap ({@code DispatchIT}) and the reopening limit ({@code RequestsIT}) are asserted where
 * those flows live.
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

    private WebTestClient.ResponseSpec certify(String token, UUID volunteer, double hours, LocalDate onDate) {
        return web.post().uri("/api/v1/volunteers/" + volunteer + "/honour-hours").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("hours", hours, "activity", "Mending uniforms for the school", "onDate", onDate.toString()))
                .exchange();
    }
}
