package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.json.JsonMapper;

/** A grid worker's scope is the grids staff gave them posts in — carried in their token, never taken from their home. */
@MemberServiceTest
class GridPostsIT extends MemberServiceTestSupport {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> ENTRIES = new ParameterizedTypeReference<>() { };

    @Autowired
    DatabaseClient database;

    @Test
    void staffGiveAndTakePostsAndTheTokenCarriesTheGridsServed() {
        String grid = "P" + Long.toString(System.nanoTime() % 100_000, 36).toUpperCase();
        database.sql("INSERT INTO grid (id, code, name_zh, name_en) VALUES (:id, :code, '測試網格', 'Test grid')")
                .bind("id", UUID.randomUUID()).bind("code", grid).fetch().rowsUpdated().block();
        String phone = Accounts.newPhone();
        String worker = (String) accounts.signedInMember("網格員", phone, "GRID_WORKER").get("access_token");
        String workerId = claims(worker).get("sub").toString();
        assertThat(claims(worker)).doesNotContainKey("grids");

        post(worker, grid, workerId).expectStatus().isForbidden();
        post(accounts.admin(), grid, workerId).expectStatus().isOk()
                .expectBody().jsonPath("$.chiefs[0].memberId").isEqualTo(workerId).jsonPath("$.chiefs[0].kind").isEqualTo("GRID");

        assertThat(claims(signIn(phone))).containsEntry("grids", List.of(grid));
        assertThat(audit(workerId)).extracting(entry -> entry.get("action") + ":" + entry.get("outcome"))
                .contains("grid.post-assigned:DONE", "grid.post-assigned:REFUSED");

        web.delete().uri("/api/v1/grids/" + grid + "/posts/" + workerId + "/GRID").headers(h -> h.setBearerAuth(accounts.admin()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.chiefs.length()").isEqualTo(0);
        assertThat(claims(signIn(phone))).doesNotContainKey("grids");
    }

    @Test
    void onlyGridWorkersHoldPosts() {
        UUID resident = accounts.register("居民", Accounts.newPhone(), "RESIDENT");
        String grid = "Q" + Long.toString(System.nanoTime() % 100_000, 36).toUpperCase();
        database.sql("INSERT INTO grid (id, code, name_zh, name_en) VALUES (:id, :code, '測試網格', 'Test grid')")
                .bind("id", UUID.randomUUID()).bind("code", grid).fetch().rowsUpdated().block();

        post(accounts.admin(), grid, resident.toString()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("not-a-grid-worker");
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

    private static Map<String, Object> claims(String jwt) {
        byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return JsonMapper.builder().build().readValue(new String(payload, StandardCharsets.UTF_8), Accounts.MAP_TYPE);
    }

    private List<Map<String, Object>> audit(String target) {
        return web.get().uri(uri -> uri.path("/api/v1/audit").queryParam("target", target).build())
                .headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isOk().expectBody(ENTRIES).returnResult().getResponseBody();
    }
}
