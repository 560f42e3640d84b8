package community.dispatch.member;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@MemberServiceTest
class VisitsIT {

    @Autowired
    WebTestClient web;
    @Autowired
    DatabaseClient database;

    /** 2026-W47 is Monday 16 to Sunday 22 November 2026 in Shanghai: a Sunday 23:30 visit is its last. */
    @Test
    void aLeadershipMembersVisitsCountTowardsTheirWeekInTheCommunitysCalendar() {
        Accounts accounts = new Accounts(web);
        UUID grid = TestCommunity.grid(database, "VT");
        List<UUID> units = TestCommunity.households(database, grid, 12);
        String phone = Accounts.newPhone();
        accounts.register(Map.of("name", "班子成員", "phone", phone, "roles", List.of("STAFF"), "leadership", true,
                "unitId", units.get(0).toString()));
        accounts.requestCode(phone);
        String leader = (String) accounts.codeLogin(phone, accounts.latestCode(phone)).expectStatus().isOk()
                .expectBody(Accounts.MAP).returnResult().getResponseBody().get("access_token");

        for (int i = 0; i < 9; i++) {
            visit(leader, units.get(i), LocalDateTime.of(2026, 11, 17, 10, i));
        }
        visit(leader, units.get(9), LocalDateTime.of(2026, 11, 22, 23, 30));
        visit(leader, units.get(10), LocalDateTime.of(2026, 11, 23, 0, 0));

        web.get().uri("/api/v1/visits/compliance?week=2026-W47&grid=VT").headers(h -> h.setBearerAuth(leader)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.week").isEqualTo("2026-W47")
                .jsonPath("$.grids[0].gridCode").isEqualTo("VT")
                .jsonPath("$.grids[0].members[0].households").isEqualTo(10)
                .jsonPath("$.grids[0].members[0].behind").isEqualTo(false)
                .jsonPath("$.grids[0].behind").isEqualTo(0);
        web.get().uri("/api/v1/visits/compliance?week=2026-W48&grid=VT").headers(h -> h.setBearerAuth(leader)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.grids[0].members[0].households").isEqualTo(1)
                .jsonPath("$.grids[0].members[0].behind").isEqualTo(true);
        web.get().uri("/api/v1/visits?week=2026-W47").headers(h -> h.setBearerAuth(leader)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(10);
    }

    @Test
    void aResidentCannotLogVisitsNorReadTheReport() {
        Accounts accounts = new Accounts(web);
        String resident = (String) accounts.signedInMember("居民", Accounts.newPhone(), "RESIDENT").get("access_token");

        web.post().uri("/api/v1/visits").headers(h -> h.setBearerAuth(resident)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("unitId", UUID.randomUUID().toString(), "heard", "noise at night")).exchange()
                .expectStatus().isForbidden();
        web.get().uri("/api/v1/visits/compliance").headers(h -> h.setBearerAuth(resident)).exchange()
                .expectStatus().isForbidden();
        web.get().uri("/api/v1/visits/compliance?week=someday").headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("bad-week");
    }

    /** A grid worker sees the grids staff gave them posts in — not the one they live in, not others' visits there. */
    @Test
    void aGridWorkerSeesVisitsAndTheReportOfTheGridsTheyServeOnly() {
        Accounts accounts = new Accounts(web);
        String served = TestCommunity.newGridCode("VS");
        String lived = TestCommunity.newGridCode("VL");
        UUID servedUnit = TestCommunity.households(database, TestCommunity.grid(database, served), 1).get(0);
        UUID homeUnit = TestCommunity.households(database, TestCommunity.grid(database, lived), 1).get(0);
        String admin = accounts.admin();
        String phone = Accounts.newPhone();
        UUID workerId = accounts.register(Map.of("name", "網格員", "phone", phone, "roles", List.of("GRID_WORKER"),
                "unitId", homeUnit.toString()));
        web.put().uri("/api/v1/grids/" + served + "/posts/" + workerId).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("post", "GRID", "answersFor", "網格 " + served))
                .exchange().expectStatus().isOk();
        accounts.requestCode(phone);
        String worker = (String) accounts.codeLogin(phone, accounts.latestCode(phone)).expectStatus().isOk()
                .expectBody(Accounts.MAP).returnResult().getResponseBody().get("access_token");
        LocalDateTime now = LocalDateTime.now(ZoneId.of("Asia/Shanghai")).minusMinutes(1);
        visit(admin, servedUnit, now);
        visit(admin, homeUnit, now);

        web.get().uri("/api/v1/visits").headers(h -> h.setBearerAuth(worker)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.unitId == '" + servedUnit + "')]").exists()
                .jsonPath("$[?(@.unitId == '" + homeUnit + "')]").doesNotExist();
        web.get().uri("/api/v1/visits/compliance?grid=" + lived).headers(h -> h.setBearerAuth(worker)).exchange()
                .expectStatus().isForbidden();
        web.get().uri("/api/v1/visits/compliance").headers(h -> h.setBearerAuth(worker)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.grids[*].gridCode").isEqualTo(List.of(served));
    }

    private void visit(String token, UUID unit, LocalDateTime shanghai) {
        web.post().uri("/api/v1/visits").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("unitId", unit.toString(), "heard", "漏水 leaking roof", "needs", List.of("repair"),
                        "visitedAt", shanghai.atZone(ZoneId.of("Asia/Shanghai")).toOffsetDateTime().toString()))
                .exchange()
                .expectStatus().isCreated();
    }
}
