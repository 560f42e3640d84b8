package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;


/** A grid worker's scope is the grids staff gave them posts in — carried in their token, never taken from their home. */
@MemberServiceTest
class GridPostsIT extends MemberServiceTestSupport {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> ENTRIES = new ParameterizedTypeReference<>() { };

    @Autowired
    DatabaseClient database;

    @Test
    void staffGiveAndTakePostsAndTheTokenCarriesTheGridsServed() {
        String grid = TestCommunity.newGridCode("P");
        TestCommunity.grid(database, grid);
        String phone = Accounts.newPhone();
        String worker = (String) accounts.signedInMember("網格員", phone, "GRID_WORKER").get("access_token");
        String workerId = Accounts.claims(worker).get("sub").toString();
        assertThat(Accounts.claims(worker)).doesNotContainKey("grids");

        post(worker, grid, workerId).expectStatus().isForbidden();
        post(accounts.admin(), grid, workerId).expectStatus().isOk()
                .expectBody().jsonPath("$.chiefs[0].memberId").isEqualTo(workerId).jsonPath("$.chiefs[0].kind").isEqualTo("GRID");

        assertThat(Accounts.claims(signIn(phone))).containsEntry("grids", List.of(grid));
        assertThat(audit(workerId)).extracting(entry -> entry.get("action") + ":" + entry.get("outcome"))
                .contains("grid.post-assigned:DONE", "grid.post-assigned:REFUSED");

        web.delete().uri("/api/v1/grids/" + grid + "/posts/" + workerId + "/GRID").headers(h -> h.setBearerAuth(accounts.admin()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.chiefs.length()").isEqualTo(0);
        assertThat(Accounts.claims(signIn(phone))).doesNotContainKey("grids");
    }

    @Test
    void onlyGridWorkersHoldPosts() {
        UUID resident = accounts.register("居民", Accounts.newPhone(), "RESIDENT");
        String grid = TestCommunity.newGridCode("Q");
        TestCommunity.grid(database, grid);

        post(accounts.admin(), grid, resident.toString()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("not-a-grid-worker");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGridWorkerSeesContactDetailsOfTheirGridsPeopleOnlyAndNobodysPartyMembership() {
        String mine = TestCommunity.newGridCode("M");
        String other = TestCommunity.newGridCode("N");
        UUID neighbour = resident(TestCommunity.households(database, TestCommunity.grid(database, mine), 1).get(0));
        UUID stranger = resident(TestCommunity.households(database, TestCommunity.grid(database, other), 1).get(0));
        String phone = Accounts.newPhone();
        String workerId = Accounts.claims((String) accounts.signedInMember("網格員", phone, "GRID_WORKER").get("access_token"))
                .get("sub").toString();
        post(accounts.admin(), mine, workerId).expectStatus().isOk();
        String worker = signIn(phone);

        Map<String, Object> near = member(worker, neighbour);
        assertThat((String) near.get("phone")).doesNotContain("*");
        assertThat((Map<String, Object>) near.get("home")).containsEntry("gridCode", mine);
        assertThat(near.get("leadership")).isNull();
        Map<String, Object> far = member(worker, stranger);
        assertThat((String) far.get("phone")).contains("*");
        assertThat(far.get("home")).isNull();

        web.get().uri("/api/v1/members?grid=" + other).headers(h -> h.setBearerAuth(worker)).exchange().expectStatus().isForbidden();
        web.get().uri("/api/v1/members?partyMember=true").headers(h -> h.setBearerAuth(worker)).exchange().expectStatus().isForbidden();
        web.get().uri("/api/v1/members?grid=" + mine).headers(h -> h.setBearerAuth(worker)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[*].id").isEqualTo(List.of(neighbour.toString()));
    }

    private UUID resident(UUID home) {
        return accounts.register(Map.of("name", "居民", "phone", Accounts.newPhone(), "roles", List.of("RESIDENT"),
                "unitId", home.toString()));
    }

    private Map<String, Object> member(String token, UUID id) {
        return web.get().uri("/api/v1/members/" + id).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(Accounts.MAP).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec post(String token, String grid, String member) {
        return web.put().uri("/api/v1/grids/" + grid + "/posts/" + member).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("post", "GRID", "answersFor", "網格 " + grid))
                .exchange();
    }

    private String signIn(String phone) {
        accounts.requestCode(phone);
        return (String) accounts.codeLogin(phone, accounts.latestCode(phone)).expectStatus().isOk()
                .expectBody(Accounts.TOKEN).returnResult().getResponseBody().get("access_token");
    }


    private List<Map<String, Object>> audit(String target) {
        return web.get().uri(uri -> uri.path("/api/v1/audit").queryParam("target", target).build())
                .headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isOk().expectBody(ENTRIES).returnResult().getResponseBody();
    }
}
