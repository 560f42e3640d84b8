package community.dispatch.volunteer;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.testing.AccessMatrix;
import community.dispatch.testing.AccessMatrix.Call;
import community.dispatch.testing.AccessMatrix.Caller;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * Every operation of volunteer-service × the eight callers. The volunteer serves in the weaver team,
 * which takes resident A's sewing requests; the leader of another team leads dawn; the grid worker
 * serves another grid. Orders are the volunteer's; leader appointments are made in the angel team.
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
@TestPropertySource(properties = "dispatch.test.context=team-scope")
class AccessMatrixIT extends DispatchingTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    private static final String TEAM = "weaver";

    private static final String CATEGORY = "sewing-mending";

    private final UUID residentA = UUID.randomUUID();

    @Test
    void everyOperationAnswersEachCallerAsTheMatrixSays() {
        UUID volunteer = volunteerIn(TEAM, "00000000-0000-0000-0301");
        UUID leader = volunteerIn("dawn", "00000000-0000-0000-0302");
        appointLeader("dawn", leader);
        UUID candidate = volunteerIn("angel", "00000000-0000-0000-0303");
        web.put().uri("/api/v1/volunteers/" + volunteer + "/profile").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("maxConcurrent", 10)).exchange().expectStatus().isOk();
        Map<Caller, String> tokens = tokens(volunteer, leader);
        Map<String, Object> rule = web.get().uri("/api/v1/dispatch-rules/" + CATEGORY).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        Map<String, Object> team = web.get().uri("/api/v1/teams").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBodyList(MAP).returnResult().getResponseBody().stream()
                .filter(found -> TEAM.equals(found.get("key"))).findFirst().orElseThrow();
        UUID offered = offerTo(volunteer);
        UUID toDecline = offerTo(volunteer);
        UUID accepted = accepted(volunteer);
        UUID toRelease = accepted(volunteer);
        UUID started = started(volunteer);
        UUID completed = started(volunteer);
        post(volunteer, "/api/v1/orders/" + completed + "/check-out", Map.of()).expectStatus().isOk();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

        AccessMatrix matrix = new AccessMatrix();
        //                                                                                  anon    A    B  vol  ldr  gwk  stf  adm
        matrix.operation("GET /api/v1/teams").call(Call.get("/api/v1/teams"))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("PUT /api/v1/teams/{key}").call(Call.put("/api/v1/teams/" + TEAM, Map.of("nameZh", team.get("nameZh"),
                        "nameEn", team.get("nameEn"), "description", team.get("description"), "station", team.get("station"),
                        "categories", team.get("categories"))))
                .expect(401, 403, 403, 403, 403, 403, 403, 200);
        matrix.operation("GET /api/v1/teams/audit").call(Call.get("/api/v1/teams/audit"))
                .expect(401, 403, 403, 403, 403, 403, 403, 200);
        // The leader of dawn reads dawn's leaders, no other team's (TeamsIT).
        matrix.operation("GET /api/v1/teams/leaders").call(Call.get("/api/v1/teams/leaders"))
                .expect(401, 403, 403, 403, 200, 403, 200, 200);
        matrix.operation("PUT /api/v1/teams/{key}/leaders/{memberId}").call(Call.put("/api/v1/teams/angel/leaders/" + candidate, null))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("DELETE /api/v1/teams/{key}/leaders/{memberId}").call(caller -> {
                    appointLeader("angel", candidate);
                    return Call.delete("/api/v1/teams/angel/leaders/" + candidate);
                })
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("GET /api/v1/volunteers/me").call(Call.get("/api/v1/volunteers/me"))
                .expect(401, 404, 404, 200, 200, 404, 404, 404);
        matrix.operation("PUT /api/v1/volunteers/{memberId}/teams")
                .call(Call.put("/api/v1/volunteers/" + volunteer + "/teams", Map.of("teams", List.of(TEAM))))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        // Skills and load are certified by the volunteer's leaders or staff, never by the volunteer.
        matrix.operation("PUT /api/v1/volunteers/{memberId}/profile")
                .call(Call.put("/api/v1/volunteers/" + volunteer + "/profile", Map.of("skills", Map.of("sewing", 4), "maxConcurrent", 10)))
                .expect(401, 404, 404, 403, 404, 404, 200, 200);
        matrix.operation("PUT /api/v1/volunteers/{memberId}/availability")
                // No windows and no leave: free any time, as the later rows need.
                .call(Call.put("/api/v1/volunteers/" + volunteer + "/availability", Map.of("weekly", List.of(), "leave", List.of())))
                .expect(401, 404, 404, 200, 404, 404, 200, 200);
        matrix.operation("GET /api/v1/volunteers/{memberId}/export").call(Call.get("/api/v1/volunteers/" + volunteer + "/export"))
                .expect(401, 403, 403, 200, 403, 403, 200, 200);
        matrix.operation("GET /api/v1/volunteers/{memberId}/hours").call(Call.get("/api/v1/volunteers/" + volunteer + "/hours"))
                .expect(401, 404, 404, 200, 404, 404, 200, 200);
        matrix.operation("POST /api/v1/volunteers/{memberId}/honour-hours")
                .call(Call.post("/api/v1/volunteers/" + volunteer + "/honour-hours",
                        Map.of("hours", 1.0, "activity", "Mending school uniforms", "onDate", today)))
                .expect(401, 403, 403, 403, 403, 403, 201, 201);
        matrix.operation("GET /api/v1/teams/{key}/hours").call(Call.get("/api/v1/teams/" + TEAM + "/hours"))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("GET /api/v1/dispatch-rules").call(Call.get("/api/v1/dispatch-rules"))
                .expect(401, 403, 403, 403, 200, 403, 200, 200);
        matrix.operation("GET /api/v1/dispatch-rules/{categoryCode}").call(Call.get("/api/v1/dispatch-rules/" + CATEGORY))
                .expect(401, 403, 403, 403, 200, 403, 200, 200);
        matrix.operation("PUT /api/v1/dispatch-rules/{categoryCode}").call(Call.put("/api/v1/dispatch-rules/" + CATEGORY, rule))
                .expect(401, 403, 403, 403, 403, 403, 403, 200);
        matrix.operation("GET /api/v1/dispatch-rules/{categoryCode}/history").call(Call.get("/api/v1/dispatch-rules/" + CATEGORY + "/history"))
                .expect(401, 403, 403, 403, 403, 403, 403, 200);
        // The leader of dawn may not preview weaver's rule (RulesIT: a leader previews their own team's, without personal data).
        matrix.operation("POST /api/v1/dispatch-rules/preview").call(Call.post("/api/v1/dispatch-rules/preview",
                        Map.of("categoryCode", CATEGORY, "urgency", "NORMAL", "compoundCode", "C01", "gridCode", "G01")))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("POST /api/v1/dispatch-rules/{categoryCode}/lab")
                .call(Call.post("/api/v1/dispatch-rules/" + CATEGORY + "/lab", Map.of("seed", 1)))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("GET /api/v1/orders").call(Call.get("/api/v1/orders"))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /api/v1/orders/stream").call(Call.get("/api/v1/orders/stream"))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /api/v1/teams/{key}/orders").call(Call.get("/api/v1/teams/" + TEAM + "/orders"))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("GET /api/v1/teams/{key}/board/stream").call(Call.get("/api/v1/teams/" + TEAM + "/board/stream"))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("POST /api/v1/orders/{id}/acceptance").call(Call.post("/api/v1/orders/" + offered + "/acceptance", null))
                .expect(401, 404, 404, 200, 404, 404, 404, 404);
        matrix.operation("POST /api/v1/orders/{id}/decline").call(Call.post("/api/v1/orders/" + toDecline + "/decline", Map.of()))
                .expect(401, 404, 404, 200, 404, 404, 404, 404);
        matrix.operation("POST /api/v1/orders/{id}/check-in").call(Call.post("/api/v1/orders/" + accepted + "/check-in", null))
                .expect(401, 404, 404, 200, 404, 404, 404, 404);
        matrix.operation("POST /api/v1/orders/{id}/check-out").call(Call.post("/api/v1/orders/" + started + "/check-out", Map.of()))
                .expect(401, 404, 404, 200, 404, 404, 404, 404);
        matrix.operation("POST /api/v1/orders/{id}/release").call(Call.post("/api/v1/orders/" + toRelease + "/release", Map.of()))
                .expect(401, 404, 404, 200, 404, 404, 404, 404);
        matrix.operation("POST /api/v1/orders/assignments").call(caller -> Call.post("/api/v1/orders/assignments",
                        Map.of("requestId", requestOfferedTo(volunteer), "volunteerId", volunteer)))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("PUT /api/v1/orders/{id}/hours").call(Call.put("/api/v1/orders/" + completed + "/hours",
                        Map.of("hours", 2.5, "reason", "Confirmed by the team leader")))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);

        matrix.verify(web, tokens);
    }

    private Map<Caller, String> tokens(UUID volunteer, UUID leader) {
        Map<Caller, String> all = new EnumMap<>(Caller.class);
        all.put(Caller.RESIDENT_A, TestTokensConfiguration.TOKENS.token(residentA.toString(), "RESIDENT"));
        all.put(Caller.RESIDENT_B, TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(), "RESIDENT"));
        all.put(Caller.VOLUNTEER, token(volunteer));
        all.put(Caller.OTHER_TEAM_LEADER, TestTokensConfiguration.TOKENS.token(leader.toString(), "RESIDENT", "VOLUNTEER", "TEAM_LEADER"));
        all.put(Caller.OTHER_GRID_WORKER, TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(),
                Map.of("grid", "G01", "grids", List.of("G02")), "RESIDENT", "GRID_WORKER"));
        all.put(Caller.STAFF, TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(), "STAFF"));
        all.put(Caller.ADMIN, admin);
        return all;
    }

    /** A request of resident A's that volunteer-service has taken in and offered to the volunteer. */
    private UUID requestOfferedTo(UUID volunteer) {
        UUID request = submitFor(residentA, CATEGORY, "DISPATCH");
        awaitOffer(request, volunteer);
        return request;
    }

    private UUID offerTo(UUID volunteer) {
        return awaitOffer(submitFor(residentA, CATEGORY, "DISPATCH"), volunteer);
    }

    private UUID accepted(UUID volunteer) {
        UUID order = offerTo(volunteer);
        post(volunteer, "/api/v1/orders/" + order + "/acceptance", Map.of()).expectStatus().isOk();
        return order;
    }

    private UUID started(UUID volunteer) {
        UUID order = accepted(volunteer);
        post(volunteer, "/api/v1/orders/" + order + "/check-in", Map.of()).expectStatus().isOk();
        return order;
    }
}
