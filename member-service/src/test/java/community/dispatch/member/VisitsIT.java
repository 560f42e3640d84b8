package community.dispatch.member;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.MovableClockConfiguration;

@MemberServiceTest
class VisitsIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    WebTestClient web;
    @Autowired
    DatabaseClient database;

    /** A week runs Monday to Sunday in Shanghai: a Sunday 23:30 visit is its last. Visits are logged this week or last. */
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

        // Last week's Tuesday to Sunday just before midnight, and this week's first minute, in the community's zone.
        LocalDate thisMonday = LocalDate.now(MovableClockConfiguration.CLOCK.withZone(SHANGHAI)).with(DayOfWeek.MONDAY);
        String lastWeek = isoWeek(thisMonday.minusWeeks(1));
        String thisWeek = isoWeek(thisMonday);
        for (int i = 0; i < 9; i++) {
            visit(leader, units.get(i), thisMonday.minusDays(6).atTime(10, i));
        }
        visit(leader, units.get(9), thisMonday.minusDays(1).atTime(23, 30));
        visit(leader, units.get(10), thisMonday.atStartOfDay());

        web.get().uri("/api/v1/visits/compliance?week=" + lastWeek + "&grid=VT").headers(h -> h.setBearerAuth(leader)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.week").isEqualTo(lastWeek)
                .jsonPath("$.grids[0].gridCode").isEqualTo("VT")
                .jsonPath("$.grids[0].members[0].households").isEqualTo(10)
                .jsonPath("$.grids[0].members[0].behind").isEqualTo(false)
                .jsonPath("$.grids[0].behind").isEqualTo(0);
        web.get().uri("/api/v1/visits/compliance?week=" + thisWeek + "&grid=VT").headers(h -> h.setBearerAuth(leader)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.grids[0].members[0].households").isEqualTo(1)
                .jsonPath("$.grids[0].members[0].behind").isEqualTo(true);
        web.get().uri("/api/v1/visits?week=" + lastWeek).headers(h -> h.setBearerAuth(leader)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(10);

        // The week before last is closed: its figures are not rewritten.
        web.post().uri("/api/v1/visits").headers(h -> h.setBearerAuth(leader)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("unitId", units.get(11).toString(), "heard", "too late to count", "visitedAt",
                        thisMonday.minusDays(8).atTime(10, 0).atZone(SHANGHAI).toOffsetDateTime().toString()))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("visitedAt");
    }

    private static String isoWeek(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
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
        web.post().uri("/api/v1/visits").headers(h -> h.setBearerAuth(worker)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("unitId", homeUnit.toString(), "heard", "a grid they do not serve")).exchange()
                .expectStatus().isForbidden();
        visit(worker, servedUnit, now);
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
