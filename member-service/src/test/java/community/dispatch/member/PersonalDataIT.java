package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.events.DomainEvent;
import community.dispatch.events.EventCodec;
import community.dispatch.events.Topics;
import community.dispatch.events.order.MemberErasedFromOrders;
import community.dispatch.events.request.MemberErasedFromRequests;

/**
 * A resident's export holds what member-service keeps about them and the other services' parts, asked with the
 * caller's own token; only they and staff get it, and it is every part or none. A resident asks the community office
 * to erase them: afterwards member-service answers nobody by their name, phone
 * or home — not its API, not its rows, not the events it keeps or publishes — they cannot sign in, and the erasure
 * shows each service's confirmation as it arrives. Asking twice erases once.
 */
@MemberServiceTest
class PersonalDataIT extends MemberServiceTestSupport {

    @Autowired
    DatabaseClient database;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    EventCodec codec;

    @Test
    void anErasedResidentIsFoundNowhereAndEachServiceConfirms() {
        String grid = TestCommunity.newGridCode("Z");
        UUID unit = TestCommunity.households(database, TestCommunity.grid(database, grid), 1).get(0);
        String phone = Accounts.newPhone();
        String name = "抹除測試" + UUID.randomUUID().toString().substring(0, 6);
        UUID id = accounts.register(Map.of("name", name, "phone", phone, "roles", List.of("RESIDENT"), "unitId", unit.toString()));
        accounts.requestCode(phone);
        accounts.codeLogin(phone, accounts.latestCode(phone)).expectStatus().isOk();
        String admin = accounts.admin();
        assertThat(rows("SELECT count(*) FROM sandbox_message WHERE recipient = '" + phone + "'")).as("texted a code before").isPositive();

        Map<String, Object> erasure = erase(admin, id).expectStatus().isOk().expectBody(Accounts.MAP).returnResult().getResponseBody();

        assertThat(erasure).containsEntry("reason", "她在社區辦公室當面提出").containsEntry("complete", false);
        assertThat(services(erasure)).containsExactly("member-service");
        Map<String, Object> member = web.get().uri("/api/v1/members/" + id).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(Accounts.MAP).returnResult().getResponseBody();
        assertThat(member.toString()).doesNotContain(name).doesNotContain(phone).doesNotContain(grid);
        assertThat(member.get("roles")).asList().isEmpty();
        assertThat(member.get("home")).isNull();
        web.get().uri(uri -> uri.path("/api/v1/members").queryParam("name", name).build()).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);

        for (String table : List.of("member WHERE name = '" + name + "' OR phone = '" + phone + "' OR (id = '" + id + "' AND unit_id IS NOT NULL)",
                "login_code WHERE phone = '" + phone + "'", "sandbox_message WHERE recipient = '" + phone + "'", "code_delivery WHERE phone = '" + phone + "'",
                "sign_in_failure WHERE identity = '" + phone + "'", "code_request WHERE bucket = 'phone:" + phone + "'",
                "refresh_token WHERE member_id = '" + id + "'",
                "outbox_event WHERE message_key = '" + id + "' AND (payload->'data'->>'building' IS NOT NULL OR payload->'data'->>'gridCode' IS NOT NULL)")) {
            assertThat(rows("SELECT count(*) FROM " + table)).as(table).isZero();
        }
        assertThat(rows("SELECT count(*) FROM outbox_event WHERE message_key = '" + id
                + "' AND event_type = 'community.dispatch.member.erased.v1' AND (payload->'data') - 'memberId'::text - 'erasedAt'::text = '{}'::jsonb"))
                .as("member.erased says who and when, nothing else").isEqualTo(1);

        Map<String, Object> again = erase(admin, id).expectStatus().isOk().expectBody(Accounts.MAP).returnResult().getResponseBody();
        assertThat(again.get("requestedAt")).as("asking twice erases once").isEqualTo(erasure.get("requestedAt"));

        publish(Topics.REQUEST_EVENTS, new MemberErasedFromRequests(id, 3), "/request-service");
        publish(Topics.ORDER_EVENTS, new MemberErasedFromOrders(id, 1), "/volunteer-service");
        publish(Topics.ORDER_EVENTS, new MemberErasedFromOrders(id, 1), "/volunteer-service");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> confirmed = web.get().uri("/api/v1/members/" + id + "/erasure").headers(h -> h.setBearerAuth(admin))
                    .exchange().expectStatus().isOk().expectBody(Accounts.MAP).returnResult().getResponseBody();
            assertThat(services(confirmed)).containsExactlyInAnyOrder("member-service", "request-service", "volunteer-service");
            assertThat(confirmed).containsEntry("complete", true);
        });
        web.get().uri(uri -> uri.path("/api/v1/audit").queryParam("target", id.toString()).build()).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$[?(@.action == 'member.erased')]").exists();
    }

    @Test
    void aResidentExportsEverythingHeldAboutThemAndOnlyTheyAndStaffMay() {
        String grid = TestCommunity.newGridCode("Y");
        UUID unit = TestCommunity.households(database, TestCommunity.grid(database, grid), 1).get(0);
        String phone = Accounts.newPhone();
        UUID id = accounts.register(Map.of("name", "導出測試", "phone", phone, "roles", List.of("RESIDENT"), "unitId", unit.toString()));
        accounts.requestCode(phone);
        String token = (String) accounts.codeLogin(phone, accounts.latestCode(phone)).expectStatus().isOk()
                .expectBody(Accounts.TOKEN).returnResult().getResponseBody().get("access_token");
        web.put().uri("/api/v1/notifications/settings").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channels", List.of("SMS"), "language", "zh-Hant")).exchange().expectStatus().isOk();
        String other = (String) accounts.signedInMember("鄰居", Accounts.newPhone(), "RESIDENT").get("access_token");

        web.get().uri("/api/v1/members/" + id + "/export").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.profile.name").isEqualTo("導出測試")
                .jsonPath("$.profile.phone").isEqualTo(phone)
                .jsonPath("$.profile.home.gridCode").isEqualTo(grid)
                .jsonPath("$.notificationSettings.language").isEqualTo("zh-Hant")
                .jsonPath("$.signIns.sessions.length()").isEqualTo(1)
                .jsonPath("$.exportedBy").isEqualTo(id.toString())
                .jsonPath("$.requests.requests[0].request.details.description").isEqualTo("request-service's part")
                .jsonPath("$.volunteering.note").isEqualTo("volunteer-service's part");
        assertThat(OtherServices.TOKENS).as("each part asked with the caller's own token")
                .containsEntry("/api/v1/requests/export?memberId=" + id, "Bearer " + token)
                .containsEntry("/api/v1/volunteers/" + id + "/export", "Bearer " + token);
        web.get().uri("/api/v1/members/" + id + "/export").headers(h -> h.setBearerAuth(other)).exchange().expectStatus().isForbidden();
        String admin = accounts.admin();
        web.get().uri("/api/v1/members/" + id + "/export").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk();
        assertThat(audited(admin, id, "member.exported")).as("both exports audited").isEqualTo(2);

        OtherServices.DOWN_FOR.add(id.toString());
        web.get().uri("/api/v1/members/" + id + "/export").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(503).expectBody().jsonPath("$.code").isEqualTo("export-unavailable");
        assertThat(audited(admin, id, "member.exported")).as("an export that failed is not one").isEqualTo(2);
    }

    @Test
    void staffEraseNeitherThemselvesNorAnAdminAndNobodyElseErasesAtAll() {
        String staffName = "staff." + UUID.randomUUID().toString().substring(0, 8);
        UUID staffId = accounts.register(Map.of("name", "社區工作人員", "roles", List.of("STAFF"), "username", staffName,
                "password", "staff-password-for-tests"));
        String staff = (String) accounts.passwordLogin(staffName, "staff-password-for-tests").get("access_token");
        UUID admin = accounts.register(Map.of("name", "管理員", "roles", List.of("ADMIN"), "username", "admin." + staffName,
                "password", "admin-password-for-tests-2"));
        String resident = (String) accounts.signedInMember("居民", Accounts.newPhone(), "RESIDENT").get("access_token");
        UUID neighbour = accounts.register("鄰居", Accounts.newPhone(), "RESIDENT");

        erase(staff, staffId).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("own-erasure");
        erase(staff, admin).expectStatus().isForbidden();
        erase(resident, neighbour).expectStatus().isForbidden();
        erase(staff, UUID.randomUUID()).expectStatus().isNotFound();
        web.post().uri("/api/v1/members/" + neighbour + "/erasure").headers(h -> h.setBearerAuth(staff))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", " ")).exchange().expectStatus().isBadRequest();
        assertThat(rows("SELECT count(*) FROM member WHERE erased_at IS NOT NULL AND id IN ('" + staffId + "', '" + admin + "', '"
                + neighbour + "')")).isZero();
        web.get().uri("/api/v1/members/" + neighbour + "/erasure").headers(h -> h.setBearerAuth(staff)).exchange()
                .expectStatus().isNotFound();
    }

    private long audited(String admin, UUID id, String action) {
        return web.get().uri(uri -> uri.path("/api/v1/audit").queryParam("target", id.toString()).build()).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk().expectBodyList(Accounts.MAP).returnResult().getResponseBody().stream()
                .filter(entry -> action.equals(entry.get("action"))).count();
    }

    private WebTestClient.ResponseSpec erase(String token, UUID member) {
        return web.post().uri("/api/v1/members/" + member + "/erasure").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "她在社區辦公室當面提出")).exchange();
    }

    @SuppressWarnings("unchecked")
    private static List<String> services(Map<String, Object> erasure) {
        return ((List<Map<String, Object>>) erasure.get("steps")).stream().map(step -> (String) step.get("service")).toList();
    }

    private long rows(String sql) {
        return database.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    private void publish(String topic, DomainEvent event, String source) {
        kafka.send(topic, event.subject(), codec.toStructured(codec.wrap(event, URI.create(source)))).join();
    }
}
