package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.Topics;
import community.dispatch.testing.TopicReader;

@MemberServiceTest
class MembersIT extends MemberServiceTestSupport {

    @Test
    void aResidentSeesOnlyThemselvesAndAnotherResidentIsNotFound() {
        String phone = Accounts.newPhone();
        String token = (String) accounts.signedInMember("居民甲", phone, "RESIDENT").get("access_token");
        UUID neighbour = accounts.register("居民乙", Accounts.newPhone(), "RESIDENT");

        web.get().uri("/api/v1/members/" + neighbour).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("member-not-found");
        web.get().uri("/api/v1/members").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isForbidden();
        web.get().uri("/api/v1/members/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.phone").isEqualTo(phone).jsonPath("$.name").isEqualTo("居民甲");
    }

    @Test
    void phonesAreMaskedForAnyoneButStaffAndThePerson() {
        String residentPhone = Accounts.newPhone();
        UUID resident = accounts.register("居民丙", residentPhone, "RESIDENT");
        String gridWorker = (String) accounts.signedInMember("網格員", Accounts.newPhone(), "GRID_WORKER").get("access_token");
        String masked = residentPhone.substring(0, 3) + "****" + residentPhone.substring(7);

        web.get().uri("/api/v1/members/" + resident).headers(h -> h.setBearerAuth(gridWorker)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.phone").isEqualTo(masked);
        web.get().uri("/api/v1/members/" + resident).headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.phone").isEqualTo(residentPhone);
        web.get().uri(uri -> uri.path("/api/v1/members").queryParam("name", "居民丙").build())
                .headers(h -> h.setBearerAuth(gridWorker)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].phone").isEqualTo(masked);
    }

    @Test
    void eachChangePublishesItsEventOnce() {
        UUID id = accounts.register("志願者", Accounts.newPhone(), "RESIDENT");
        String etag = web.get().uri("/api/v1/members/" + id).headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseHeaders().getETag();
        web.patch().uri("/api/v1/members/" + id).headers(h -> {
                    h.setBearerAuth(accounts.admin());
                    h.setIfMatch(etag);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("roles", List.of("RESIDENT", "VOLUNTEER"))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.roles.length()").isEqualTo(2);
        web.post().uri("/api/v1/members/" + id + "/deactivation").headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(false);

        // The service's own relay publishes; every event exactly once, in order.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.events(Topics.MEMBER_EVENTS, id).stream()
                        .map(CloudEvent::type).toList())
                .containsExactly("community.dispatch.member.registered.v1", "community.dispatch.member.updated.v1",
                        "community.dispatch.member.deactivated.v1"));
    }

    @Test
    void aStaleIfMatchIs412AndNothingChanges() {
        UUID id = accounts.register("居民丁", Accounts.newPhone(), "RESIDENT");

        web.patch().uri("/api/v1/members/" + id).headers(h -> {
                    h.setBearerAuth(accounts.admin());
                    h.set(HttpHeaders.IF_MATCH, "\"41\"");
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "改名")).exchange()
                .expectStatus().isEqualTo(412)
                .expectBody().jsonPath("$.code").isEqualTo("stale-member");
        web.get().uri("/api/v1/members/" + id).headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectBody().jsonPath("$.name").isEqualTo("居民丁");
    }

    @Test
    void aMemberChangesTheirNameButNotTheirRoles() {
        String phone = Accounts.newPhone();
        String token = (String) accounts.signedInMember("舊名", phone, "RESIDENT").get("access_token");

        web.patch().uri("/api/v1/members/me").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "新名")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("新名");
        String me = (String) web.get().uri("/api/v1/members/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectBody(Accounts.MAP).returnResult().getResponseBody().get("id");
        web.patch().uri("/api/v1/members/" + me).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("roles", List.of("ADMIN"))).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aRetriedRegistrationWithTheSameKeyCreatesOneMember() {
        String phone = Accounts.newPhone();
        Map<String, Object> body = Map.of("name", "重試", "phone", phone, "roles", List.of("RESIDENT"));
        String admin = accounts.admin();

        String first = register(admin, body, "retry-key-1");
        String second = register(admin, body, "retry-key-1");

        assertThat(second).isEqualTo(first);
        web.post().uri("/api/v1/members").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("phone-taken");
    }

    @Test
    void invalidRegistrationsAre400WithTheFieldsNamed() {
        web.post().uri("/api/v1/members").headers(h -> h.setBearerAuth(accounts.admin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "", "phone", "555", "roles", List.of())).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("validation-failed").jsonPath("$.errors.length()").isEqualTo(3);
        web.post().uri("/api/v1/members").headers(h -> h.setBearerAuth(accounts.admin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x", "phone", Accounts.newPhone(), "roles", List.of("KING"))).exchange()
                .expectStatus().isBadRequest();
        web.post().uri("/api/v1/members").headers(h -> h.setBearerAuth(accounts.admin()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x", "phone", Accounts.newPhone(), "roles", List.of("RESIDENT"),
                        "unitId", UUID.randomUUID().toString())).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("unknown-unit");
    }

    private String register(String admin, Map<String, Object> body, String key) {
        return (String) web.post().uri("/api/v1/members").headers(h -> {
                    h.setBearerAuth(admin);
                    h.set("Idempotency-Key", key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody(Accounts.MAP).returnResult().getResponseBody().get("id");
    }
}
