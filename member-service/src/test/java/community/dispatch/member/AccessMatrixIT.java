package community.dispatch.member;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.FromTheGateway;
import community.dispatch.testing.AccessMatrix;
import community.dispatch.testing.AccessMatrix.Call;
import community.dispatch.testing.AccessMatrix.Caller;

/**
 * Every operation of member-service × the eight callers, all real members signed in as they would be.
 * Residents A and B live in one grid, where the grid worker lives too; staff gave the grid worker a post
 * in another grid. The volunteer and the team leader are residents without a home on record.
 */
@MemberServiceTest
class AccessMatrixIT extends MemberServiceTestSupport {

    @Autowired
    DatabaseClient database;

    @Test
    void everyOperationAnswersEachCallerAsTheMatrixSays() {
        String home = TestCommunity.newGridCode("H");
        List<UUID> units = TestCommunity.households(database, TestCommunity.grid(database, home), 3);
        String elsewhere = TestCommunity.newGridCode("E");
        TestCommunity.grid(database, elsewhere);
        String admin = accounts.admin();
        Member residentA = signIn(Map.of("roles", List.of("RESIDENT"), "unitId", units.get(0).toString()));
        Member residentB = signIn(Map.of("roles", List.of("RESIDENT"), "unitId", units.get(1).toString()));
        Member gridWorker = signIn(Map.of("roles", List.of("RESIDENT", "GRID_WORKER"), "unitId", units.get(2).toString()));
        post(admin, elsewhere, gridWorker.id()).expectStatus().isOk();
        Map<Caller, String> tokens = new EnumMap<>(Caller.class);
        tokens.put(Caller.RESIDENT_A, residentA.token());
        tokens.put(Caller.RESIDENT_B, residentB.token());
        tokens.put(Caller.VOLUNTEER, signIn(Map.of("roles", List.of("RESIDENT", "VOLUNTEER"))).token());
        tokens.put(Caller.OTHER_TEAM_LEADER, signIn(Map.of("roles", List.of("RESIDENT", "VOLUNTEER", "TEAM_LEADER"))).token());
        tokens.put(Caller.OTHER_GRID_WORKER, signIn(gridWorker.phone()).token());
        String staffName = "staff." + UUID.randomUUID().toString().substring(0, 8);
        accounts.register(Map.of("name", "社區工作人員", "roles", List.of("STAFF"), "username", staffName,
                "password", "staff-password-for-tests"));
        tokens.put(Caller.STAFF, (String) accounts.passwordLogin(staffName, "staff-password-for-tests").get("access_token"));
        tokens.put(Caller.ADMIN, admin);
        UUID candidate = accounts.register("網格員", Accounts.newPhone(), "GRID_WORKER");
        Map<String, Object> client = web.post().uri("/api/v1/auth/clients").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "12345 hotline platform")).exchange()
                .expectStatus().isCreated().expectBody(Accounts.MAP).returnResult().getResponseBody();

        Map<String, Object> retiring = web.post().uri("/api/v1/auth/clients").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Old district platform")).exchange()
                .expectStatus().isCreated().expectBody(Accounts.MAP).returnResult().getResponseBody();

        AccessMatrix matrix = new AccessMatrix();
        //                                                                                  anon    A    B  vol  ldr  gwk  stf  adm
        matrix.operation("GET /api/v1/grids").call(Call.get("/api/v1/grids"))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /api/v1/grids/{code}").call(Call.get("/api/v1/grids/" + home))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("PUT /api/v1/grids/{code}/posts/{memberId}").call(Call.put("/api/v1/grids/" + home + "/posts/" + candidate,
                        Map.of("post", "GRID", "answersFor", "網格 " + home)))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("DELETE /api/v1/grids/{code}/posts/{memberId}/{post}").call(caller -> {
                    post(admin, home, candidate).expectStatus().isOk();
                    return Call.delete("/api/v1/grids/" + home + "/posts/" + candidate + "/GRID");
                })
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("GET /api/v1/places/compounds").call(Call.get("/api/v1/places/compounds"))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("PUT /api/v1/places/compounds/{code}/buildings/{building}/location")
                .call(Call.put("/api/v1/places/compounds/C01/buildings/1/location", Map.of("latitude", 33.956, "longitude", 116.79)))
                .expect(401, 403, 403, 403, 403, 403, 403, 404);
        matrix.operation("GET /api/v1/places/compounds/{code}/units").call(Call.get("/api/v1/places/compounds/C01/units"))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /api/v1/organisations").call(Call.get("/api/v1/organisations"))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /api/v1/audit").call(Call.get("/api/v1/audit"))
                .expect(401, 403, 403, 403, 403, 403, 403, 200);
        matrix.operation("POST /api/v1/auth/codes").call(caller -> Call.post("/api/v1/auth/codes", Map.of("phone", Accounts.newPhone()))
                        .withHeaders(FromTheGateway.client(Accounts.newAddress())))
                .expect(202, 202, 202, 202, 202, 202, 202, 202);
        matrix.operation("POST /api/v1/auth/login").call(caller -> {
                    String phone = Accounts.newPhone();
                    accounts.register("居民", phone, "RESIDENT");
                    accounts.requestCode(phone);
                    return Call.post("/api/v1/auth/login", Map.of("phone", phone, "code", accounts.latestCode(phone)));
                })
                .expect(200, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("POST /api/v1/auth/password").call(Call.post("/api/v1/auth/password",
                        Map.of("currentPassword", "not-the-password-at-all", "newPassword", "a-much-longer-and-newer-passphrase")))
                .expect(401, 400, 400, 400, 400, 400, 400, 400);
        matrix.operation("POST /api/v1/auth/logout").call(Call.post("/api/v1/auth/logout", Map.of("refresh_token", "rt_unknown")))
                .expect(401, 204, 204, 204, 204, 204, 204, 204);
        matrix.operation("DELETE /api/v1/auth/lockouts/{username}").call(Call.delete("/api/v1/auth/lockouts/" + staffName))
                .expect(401, 403, 403, 403, 403, 403, 403, 204);
        matrix.operation("DELETE /api/v1/auth/lockouts/phones/{phone}").call(Call.delete("/api/v1/auth/lockouts/phones/" + Accounts.newPhone()))
                .expect(401, 403, 403, 403, 403, 403, 403, 204);
        matrix.operation("GET /api/v1/auth/sms-sandbox").call(Call.get("/api/v1/auth/sms-sandbox?phone=" + residentA.phone()))
                .expect(401, 403, 403, 403, 403, 403, 403, 200);
        matrix.operation("GET /api/v1/notifications").call(Call.get("/api/v1/notifications"))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /api/v1/notifications/settings").call(Call.get("/api/v1/notifications/settings"))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("PUT /api/v1/notifications/settings").call(Call.put("/api/v1/notifications/settings",
                        Map.of("channels", List.of("SMS"), "language", "zh-Hans")))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /api/v1/notifications/push-sandbox").call(Call.get("/api/v1/notifications/push-sandbox"))
                .expect(401, 403, 403, 403, 403, 403, 403, 200);
        matrix.operation("POST /api/v1/auth/clients").call(Call.post("/api/v1/auth/clients", Map.of("name", "District platform")))
                .expect(401, 403, 403, 403, 403, 403, 403, 201);
        matrix.operation("DELETE /api/v1/auth/clients/{clientId}").call(Call.delete("/api/v1/auth/clients/" + retiring.get("clientId")))
                .expect(401, 403, 403, 403, 403, 403, 403, 204);
        matrix.operation("GET /api/v1/auth/clients").call(Call.get("/api/v1/auth/clients"))
                .expect(401, 403, 403, 403, 403, 403, 403, 200);
        matrix.operation("GET /.well-known/openid-configuration").call(Call.get("/.well-known/openid-configuration"))
                .expect(200, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /oauth2/jwks").call(Call.get("/oauth2/jwks"))
                .expect(200, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("POST /oauth2/token").call(Call.post("/oauth2/token", Call.form("grant_type", "client_credentials",
                        "client_id", (String) client.get("clientId"), "client_secret", (String) client.get("clientSecret"))))
                .expect(200, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("POST /api/v1/visits").call(Call.post("/api/v1/visits",
                        Map.of("unitId", units.get(0).toString(), "heard", "The lift stops between floors.")))
                // A grid worker logs visits in the grids they serve only (VisitsIT): this unit is in another one.
                .expect(401, 403, 403, 403, 403, 403, 201, 201);
        matrix.operation("GET /api/v1/visits").call(Call.get("/api/v1/visits"))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /api/v1/visits/compliance").call(Call.get("/api/v1/visits/compliance"))
                .expect(401, 403, 403, 403, 403, 200, 200, 200);
        matrix.operation("GET /api/v1/members/me").call(Call.get("/api/v1/members/me"))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /api/v1/members/{id}").call(Call.get("/api/v1/members/" + residentA.id()))
                .expect(401, 200, 404, 404, 200, 200, 200, 200);
        matrix.operation("GET /api/v1/members").call(Call.get("/api/v1/members"))
                .expect(401, 403, 403, 403, 200, 200, 200, 200);
        matrix.operation("POST /api/v1/members").call(caller -> Call.post("/api/v1/members",
                        Map.of("name", "新居民", "phone", Accounts.newPhone(), "roles", List.of("RESIDENT"))))
                .expect(401, 403, 403, 403, 403, 403, 201, 201);
        matrix.operation("PATCH /api/v1/members/{id}").call(Call.patch("/api/v1/members/" + residentA.id(), Map.of("name", "何偉")))
                .expect(401, 200, 404, 404, 404, 404, 200, 200);
        matrix.operation("PATCH /api/v1/members/me").call(Call.patch("/api/v1/members/me", Map.of("name", "何偉")))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("POST /api/v1/members/{id}/deactivation")
                .call(caller -> Call.post("/api/v1/members/" + accounts.register("居民", Accounts.newPhone(), "RESIDENT") + "/deactivation", null))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("POST /api/v1/members/{id}/erasure").call(caller -> Call.post("/api/v1/members/"
                        + accounts.register("居民", Accounts.newPhone(), "RESIDENT") + "/erasure", Map.of("reason", "asked in person")))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        UUID erased = accounts.register("居民", Accounts.newPhone(), "RESIDENT");
        web.post().uri("/api/v1/members/" + erased + "/erasure").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "asked in person")).exchange().expectStatus().isOk();
        matrix.operation("GET /api/v1/members/{id}/export").call(Call.get("/api/v1/members/" + residentA.id() + "/export"))
                .expect(401, 200, 403, 403, 403, 403, 200, 200);
        matrix.operation("GET /api/v1/members/{id}/erasure").call(Call.get("/api/v1/members/" + erased + "/erasure"))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);

        matrix.verify(web, tokens);
    }

    private record Member(UUID id, String phone, String token) {
    }

    /** Registers a member (as admin) with the fields and signs them in with a code. */
    private Member signIn(Map<String, Object> fields) {
        String phone = Accounts.newPhone();
        Map<String, Object> body = new HashMap<>(fields);
        body.put("name", "居民");
        body.put("phone", phone);
        UUID id = accounts.register(body);
        return new Member(id, phone, signIn(phone).token());
    }

    private Member signIn(String phone) {
        accounts.requestCode(phone);
        String token = (String) accounts.codeLogin(phone, accounts.latestCode(phone)).expectStatus().isOk()
                .expectBody(Accounts.TOKEN).returnResult().getResponseBody().get("access_token");
        return new Member(null, phone, token);
    }

    private WebTestClient.ResponseSpec post(String token, String grid, UUID member) {
        return web.put().uri("/api/v1/grids/" + grid + "/posts/" + member).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("post", "GRID", "answersFor", "網格 " + grid)).exchange();
    }
}
