package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * OWASP API3:2023, broken object property level authorization: a member may change their own name and
 * home, never the properties that give power or standing (roles, status, leadership, party membership,
 * the phone they sign in with); and an answer carries only the properties its reader may know — no
 * secrets to anyone, contact details and homes by need, party membership to staff and the person.
 */
@MemberServiceTest
class OwaspApi3PropertyLevelAuthorizationIT extends MemberServiceTestSupport {

    @Autowired
    DatabaseClient database;

    @Test
    void aMemberCannotSetThePropertiesThatGivePowerOrStanding() {
        String phone = Accounts.newPhone();
        String token = (String) accounts.signedInMember("居民", phone, "RESIDENT").get("access_token");
        UUID branch = UUID.randomUUID();
        database.sql("INSERT INTO organisation (id, code, kind, name_zh, name_en) VALUES (:id, :code, 'GRID_PARTY_BRANCH', "
                        + "'網格黨支部', 'Grid party branch')")
                .bind("id", branch).bind("code", "B-" + branch).fetch().rowsUpdated().block();

        for (Map<String, Object> change : List.<Map<String, Object>>of(Map.of("roles", List.of("RESIDENT", "STAFF")),
                Map.of("leadership", true), Map.of("active", false), Map.of("phone", Accounts.newPhone()),
                Map.of("partyBranchId", String.valueOf(branch), "partyKind", "REGULAR"))) {
            web.patch().uri("/api/v1/members/me").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(change).exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }

        web.get().uri("/api/v1/members/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.roles").isEqualTo(List.of("RESIDENT"))
                .jsonPath("$.active").isEqualTo(true)
                .jsonPath("$.phone").isEqualTo(phone)
                .jsonPath("$.leadership").isEqualTo(false)
                .jsonPath("$.partyKind").doesNotExist();
    }

    @Test
    void answersCarryOnlyWhatTheReaderMayKnow() {
        String staffName = "staff." + UUID.randomUUID().toString().substring(0, 8);
        UUID staff = accounts.register(Map.of("name", "工作人員", "roles", List.of("STAFF"), "username", staffName,
                "password", "staff-password-for-tests"));
        String leader = (String) accounts.signedInMember("隊長", Accounts.newPhone(), "VOLUNTEER", "TEAM_LEADER").get("access_token");
        UUID unit = TestCommunity.households(database, TestCommunity.grid(database, TestCommunity.newGridCode("P3")), 1).get(0);
        String residentPhone = Accounts.newPhone();
        UUID resident = accounts.register(Map.of("name", "居民", "phone", residentPhone, "roles", List.of("RESIDENT"),
                "unitId", unit.toString()));

        String asAdmin = web.get().uri("/api/v1/members/" + staff).headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(asAdmin).doesNotContainIgnoringCase("password").doesNotContain("argon", "$2a$").contains(staffName);
        // A username is half of what a password guesser needs: staff and the member themself see it, a leader does not.
        web.get().uri("/api/v1/members/" + staff).headers(h -> h.setBearerAuth(leader)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.username").doesNotExist().jsonPath("$.name").isEqualTo("工作人員");
        web.get().uri("/api/v1/members?role=STAFF&size=100").headers(h -> h.setBearerAuth(leader)).exchange()
                .expectStatus().isOk().expectBody(String.class).value(page -> assertThat(page).doesNotContain(staffName));

        web.get().uri("/api/v1/members/" + resident).headers(h -> h.setBearerAuth(leader)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.phone").isEqualTo(residentPhone.substring(0, 3) + "****" + residentPhone.substring(7))
                .jsonPath("$.home").doesNotExist()
                .jsonPath("$.leadership").doesNotExist()
                .jsonPath("$.partyKind").doesNotExist();
    }
}
