package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Roles follow the community's structure, and every grant — and every refused one — is on the audit trail. */
@MemberServiceTest
@SuppressWarnings("unchecked")
class RolesAndAuditIT extends MemberServiceTestSupport {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> ENTRIES = new ParameterizedTypeReference<>() { };

    @Test
    void staffCannotMakeThemselvesAdminAndTheAttemptIsAudited() {
        Map<String, Object> staff = accounts.signedInMember("辦公室", Accounts.newPhone(), "STAFF");
        String token = (String) staff.get("access_token");
        String id = me(token).get("id").toString();

        patch(token, id, Map.of("roles", List.of("STAFF", "ADMIN"))).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");

        assertThat(me(token).get("roles")).isEqualTo(List.of("STAFF"));
        assertThat(audit(id)).filteredOn(entry -> "member.roles-changed".equals(entry.get("action"))).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("outcome", "REFUSED")
                    .containsEntry("actor", id);
            assertThat((Map<String, Object>) entry.get("after")).containsEntry("roles", List.of("ADMIN", "STAFF"));
        });
    }

    @Test
    void staffManageResidentsButNeverStaffOrAdmins() {
        String staff = (String) accounts.signedInMember("辦公室", Accounts.newPhone(), "STAFF").get("access_token");
        String admin = accounts.admin();
        String adminId = me(admin).get("id").toString();

        web.post().uri("/api/v1/members").headers(h -> h.setBearerAuth(staff)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "新管理員", "phone", Accounts.newPhone(), "roles", List.of("ADMIN"))).exchange()
                .expectStatus().isForbidden();
        web.post().uri("/api/v1/members/" + adminId + "/deactivation").headers(h -> h.setBearerAuth(staff)).exchange()
                .expectStatus().isForbidden();
        patch(staff, adminId, Map.of("phone", Accounts.newPhone())).expectStatus().isForbidden();

        UUID resident = accounts.register("居民", Accounts.newPhone(), "RESIDENT");
        patch(staff, resident.toString(), Map.of("roles", List.of("RESIDENT", "VOLUNTEER"))).expectStatus().isOk()
                .expectBody().jsonPath("$.roles.length()").isEqualTo(2);
        assertThat(audit(resident.toString())).extracting(entry -> entry.get("action") + ":" + entry.get("outcome"))
                .containsExactly("member.roles-changed:DONE", "member.registered:DONE");
    }

    @Test
    void adminsGrantStaffOnTheRecordAndOnlyAdminsReadTheRecord() {
        UUID resident = accounts.register("居民", Accounts.newPhone(), "RESIDENT");
        String admin = accounts.admin();

        patch(admin, resident.toString(), Map.of("roles", List.of("RESIDENT", "STAFF"))).expectStatus().isOk();

        assertThat(audit(resident.toString()).get(0)).satisfies(entry -> {
            assertThat(entry).containsEntry("action", "member.roles-changed").containsEntry("outcome", "DONE")
                    .containsEntry("actor", me(admin).get("id"));
            assertThat((Map<String, Object>) entry.get("before")).containsEntry("roles", List.of("RESIDENT"));
            assertThat((Map<String, Object>) entry.get("after")).containsEntry("roles", List.of("RESIDENT", "STAFF"));
        });
        String staff = (String) accounts.signedInMember("辦公室", Accounts.newPhone(), "STAFF").get("access_token");
        web.get().uri("/api/v1/audit").headers(h -> h.setBearerAuth(staff)).exchange().expectStatus().isForbidden();
    }

    private Map<String, Object> me(String token) {
        return web.get().uri("/api/v1/members/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(Accounts.MAP).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec patch(String token, String id, Map<String, Object> body) {
        return web.patch().uri("/api/v1/members/" + id).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private List<Map<String, Object>> audit(String target) {
        return web.get().uri(uri -> uri.path("/api/v1/audit").queryParam("target", target).build())
                .headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isOk().expectBody(ENTRIES).returnResult().getResponseBody();
    }
}
