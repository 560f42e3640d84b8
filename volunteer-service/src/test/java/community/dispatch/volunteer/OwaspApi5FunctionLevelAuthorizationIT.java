package community.dispatch.volunteer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * OWASP API5:2023, broken function level authorization: the functions that shape dispatch — the rules,
 * the teams, who leads them, the audit trail — belong to admins (and staff where the README says so).
 * A team leader who knows the paths, or staff reaching for an admin's function, are refused, and the
 * refused attempts are on the record; the rule is unchanged.
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
@TestPropertySource(properties = "dispatch.test.context=team-scope")
class OwaspApi5FunctionLevelAuthorizationIT extends DispatchingTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    private final String staff = TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(), "STAFF");

    @Test
    void aTeamLeaderAndStaffCannotReachAnAdminsFunctions() {
        UUID leaderId = volunteerIn("angel", "00000000-0000-0000-0401");
        appointLeader("angel", leaderId);
        String leader = TestTokensConfiguration.TOKENS.token(leaderId.toString(), "TEAM_LEADER", "VOLUNTEER");
        Map<String, Object> rule = rule("free-clinic");
        Map<String, Object> widened = new HashMap<>(rule);
        widened.put("teams", List.of("angel", "weaver", "dawn"));

        for (String caller : List.of(leader, staff)) {
            call(caller, web.put().uri("/api/v1/dispatch-rules/free-clinic"), widened).expectStatus().isForbidden();
            call(caller, web.put().uri("/api/v1/teams/angel"), Map.of("nameZh", "天使", "nameEn", "Angel",
                    "description", "Ours now", "station", "家心崗", "categories", List.of("free-clinic", "household-help")))
                    .expectStatus().isForbidden();
            web.get().uri("/api/v1/dispatch-rules/free-clinic/history").headers(h -> h.setBearerAuth(caller)).exchange()
                    .expectStatus().isForbidden();
            web.get().uri("/api/v1/teams/audit").headers(h -> h.setBearerAuth(caller)).exchange().expectStatus().isForbidden();
        }
        web.put().uri("/api/v1/teams/angel/leaders/" + volunteerIn("angel", "00000000-0000-0000-0402"))
                .headers(h -> h.setBearerAuth(leader)).exchange().expectStatus().isForbidden();

        web.get().uri("/api/v1/dispatch-rules/free-clinic").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.teams").isEqualTo(rule.get("teams"));
        web.get().uri("/api/v1/teams/audit?target=angel").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.action == 'team.changed' && @.outcome == 'REFUSED' && @.actor == '" + leaderId + "')]").exists();
    }

    /** Refused as functions, whatever the objects: the access matrix shows the same with real ones. */
    @Test
    void aVolunteerCannotAssignOrCorrectHours() {
        UUID volunteer = volunteerIn("angel", "00000000-0000-0000-0403");

        post(volunteer, "/api/v1/orders/assignments", Map.of("requestId", UUID.randomUUID(), "volunteerId", volunteer))
                .expectStatus().isForbidden();
        call(token(volunteer), web.put().uri("/api/v1/orders/" + UUID.randomUUID() + "/hours"),
                Map.of("hours", 24.0, "reason", "I worked hard"))
                .expectStatus().isForbidden();
    }

    private Map<String, Object> rule(String category) {
        return web.get().uri("/api/v1/dispatch-rules/" + category).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    private static WebTestClient.ResponseSpec call(String token, WebTestClient.RequestBodySpec request, Object body) {
        return request.headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
