package community.dispatch.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.events.Topics;
import community.dispatch.events.member.MemberRegistered;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
@TestPropertySource(properties = "dispatch.test.context=rules")
class RulesIT extends ServiceTestSupport {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    private final String admin = TestTokensConfiguration.TOKENS.token("admin-7", "ADMIN");
    private final String leader = TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(), "TEAM_LEADER", "VOLUNTEER");
    private final String resident = TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(), "RESIDENT");

    @Test
    void rulesAreCheckedVersionedAndAudited() {
        Map<String, Object> good = Map.of("teams", List.of("dawn"), "requiredSkills", Map.of("shovelling", 2),
                "timeouts", Map.of("EMERGENCY", 120, "URGENT", 600, "NORMAL", 1800), "maxOffers", 3, "mode", "DIRECT",
                "notifyRoles", List.of("STAFF"));
        Map<String, Object> bad = Map.of("teams", List.of("dawn", "ghosts"), "requiredSkills", Map.of("shovelling", 9),
                "timeouts", Map.of("EMERGENCY", 0, "URGENT", 600, "NORMAL", 1800), "maxOffers", 3, "mode", "DIRECT");

        put("snow-clearing", bad, admin, null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-rule").jsonPath("$.errors.length()").isEqualTo(3);
        put("snow-clearing", good, leader, null).expectStatus().isForbidden();
        put("snow-clearing", good, admin, null).expectStatus().isOk().expectHeader().valueEquals("ETag", "\"0\"");
        put("snow-clearing", Map.of("teams", List.of("dawn", "red-steward"), "timeouts", good.get("timeouts"),
                "maxOffers", 5, "mode", "POOL"), admin, "\"0\"")
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1).jsonPath("$.mode").isEqualTo("POOL");
        put("snow-clearing", good, admin, "\"0\"").expectStatus().isEqualTo(412);

        List<Map<String, Object>> history = web.get().uri("/api/v1/dispatch-rules/snow-clearing/history")
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody(LIST).returnResult().getResponseBody();
        assertThat(history).extracting(change -> change.get("changedBy")).containsOnly("admin-7");
        assertThat(history.get(0).get("before")).isNull();
        assertThat(((Map<?, ?>) history.get(1).get("before")).get("mode")).isEqualTo("DIRECT");
        assertThat(((Map<?, ?>) history.get(1).get("after")).get("mode")).isEqualTo("POOL");

        web.get().uri("/api/v1/dispatch-rules/snow-clearing").headers(h -> h.setBearerAuth(resident)).exchange()
                .expectStatus().isForbidden();
        web.get().uri("/api/v1/dispatch-rules/snow-clearing").headers(h -> h.setBearerAuth(leader)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void thePreviewRanksTheCandidatesAndShowsWhy() {
        UUID near = volunteer("C05", Map.of("nursing", 4));
        UUID far = volunteer("C11", Map.of("nursing", 4));
        UUID lowSkill = volunteer("C05", Map.of("nursing", 1));

        // Other tests' volunteers may be in the ranking too; these three are this test's.
        List<Map<String, Object>> ranked = await().atMost(Duration.ofSeconds(30)).until(() -> preview(admin)
                        .expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody().stream()
                        .filter(candidate -> List.of(near.toString(), far.toString(), lowSkill.toString()).contains(candidate.get("volunteerId")))
                        .toList(),
                found -> found.size() == 2);

        assertThat(ranked).extracting(candidate -> candidate.get("volunteerId")).as("the skill too low is not eligible")
                .containsExactly(near.toString(), far.toString());
        // Neither home nor request is on the map here: the same compound is what proximity has to go by.
        assertThat((Map<String, Object>) ranked.get(0).get("components")).containsEntry("proximity", 0.8).containsKeys(
                "team", "skill", "load", "fairness", "rating");
        assertThat(ranked.get(0)).containsEntry("sameBuilding", false).doesNotContainKey("distanceMetres");
        preview(resident).expectStatus().isForbidden();
    }

    /**
     * A team leader previews only the rules of teams they lead, sees only those teams' volunteers, and never where
     * they live, how many hours they did (fairness) or how residents rated them: staff's business.
     */
    @Test
    void aTeamLeaderPreviewsOnlyTheirTeamsAndNothingPersonal() {
        UUID angel = volunteer("C05", Map.of("nursing", 4));
        UUID angelsLeader = volunteer("C02", Map.of());
        web.put().uri("/api/v1/teams/angel/leaders/" + angelsLeader).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk();
        String ownLeader = TestTokensConfiguration.TOKENS.token(angelsLeader.toString(), "TEAM_LEADER", "VOLUNTEER");

        List<Map<String, Object>> ranked = await().atMost(Duration.ofSeconds(30)).until(() -> preview(ownLeader)
                        .expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody(),
                found -> found.stream().anyMatch(candidate -> angel.toString().equals(candidate.get("volunteerId"))));
        assertThat(ranked).allSatisfy(candidate -> {
            assertThat(candidate).containsEntry("teamKey", "angel").doesNotContainKey("distanceMetres");
            assertThat((Map<String, Object>) candidate.get("components")).containsOnlyKeys("team", "skill", "load");
        });
        // A leader of no team this rule names.
        preview(leader).expectStatus().isForbidden();
    }

    /**
     * A leader tries their team's rule in the dispatch lab: every policy measured on the same generated week (the same
     * again for the same seed), and a change of a weight shows what it would do; another team's rule is not theirs to
     * try, and a week out of range is refused.
     */
    @Test
    void aTeamLeaderTriesTheirTeamsRuleInTheLab() {
        UUID angelsLeader = volunteer("C03", Map.of());
        web.put().uri("/api/v1/teams/angel/leaders/" + angelsLeader).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk();
        String ownLeader = TestTokensConfiguration.TOKENS.token(angelsLeader.toString(), "TEAM_LEADER", "VOLUNTEER");

        Map<String, Object> trial = lab(ownLeader, "free-clinic", Map.of("seed", 7)).expectStatus().isOk()
                .expectBody(MAP).returnResult().getResponseBody();
        List<Map<String, Object>> policies = (List<Map<String, Object>>) trial.get("policies");
        assertThat(trial).containsEntry("categoryCode", "free-clinic").containsEntry("seed", 7);
        assertThat(policies).extracting(policy -> policy.get("policy")).containsExactly("greedy (production)",
                "round-robin in team", "nearest able", "optimal per 60 s batch");
        assertThat(policies).allSatisfy(policy -> assertThat((Integer) policy.get("requests")).isPositive());
        assertThat(policies.get(3)).containsEntry("shareOfOptimum", 1.0);
        assertThat(lab(ownLeader, "free-clinic", Map.of("seed", 7)).expectStatus().isOk().expectBody(MAP).returnResult()
                .getResponseBody()).isEqualTo(trial);

        Map<String, Object> farAway = lab(ownLeader, "free-clinic", Map.of("seed", 7, "weights", Map.of("proximity", 0)))
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        assertThat(((Map<String, Object>) farAway.get("weights"))).containsEntry("proximity", 0.0);
        assertThat(((List<Map<String, Object>>) farAway.get("policies")).get(0).get("metresWalked"))
                .isNotEqualTo(policies.get(0).get("metresWalked"));

        lab(leader, "free-clinic", Map.of()).expectStatus().isForbidden();
        lab(admin, "free-clinic", Map.of("busy", 9)).expectStatus().isBadRequest().expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        lab(admin, "no-such-category", Map.of()).expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec lab(String token, String category, Map<String, Object> body) {
        return web.post().uri("/api/v1/dispatch-rules/" + category + "/lab").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec preview(String token) {
        return web.post().uri("/api/v1/dispatch-rules/preview").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categoryCode", "free-clinic", "urgency", "URGENT", "compoundCode", "C05", "gridCode", "G03"))
                .exchange();
    }

    @Test
    void teamNamesAreSimplifiedChineseTraditionalOrEnglishAsTheCallerAsks() {
        Map<String, String> names = Map.of("zh-CN", "织女 家训亭", "zh-Hans", "织女 家训亭", "zh", "织女 家训亭",
                "zh-TW", "織女 家訓亭", "zh-Hant-HK", "織女 家訓亭", "en-GB", "Weaver 家训亭", "fr, zh-TW;q=0.5", "織女 家訓亭");
        names.forEach((language, expected) -> web.get().uri("/api/v1/teams").header(HttpHeaders.ACCEPT_LANGUAGE, language)
                .headers(h -> h.setBearerAuth(resident)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.key == 'weaver')].name").isEqualTo(expected.split(" ")[0])
                .jsonPath("$[?(@.key == 'weaver')].station").isEqualTo(expected.split(" ")[1])
                .jsonPath("$[?(@.key == 'weaver')].nameZh").isEqualTo("织女")
                .jsonPath("$[?(@.key == 'weaver')].nameZhHant").isEqualTo("織女"));
    }

    @Test
    void adminsConfigureTheDawnTeamsCapabilities() {
        Map<String, Object> dawn = Map.of("nameZh", "曙光", "nameEn", "Dawn", "description", "Tutoring and digital help",
                "station", "家乐站", "stationZhHant", "家樂站", "categories", List.of("other", "study-visit", "tutoring"));

        web.put().uri("/api/v1/teams/dawn").headers(h -> h.setBearerAuth(leader)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(dawn).exchange().expectStatus().isForbidden();
        web.put().uri("/api/v1/teams/dawn").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(dawn).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.categories.length()").isEqualTo(3).jsonPath("$.description").isEqualTo("Tutoring and digital help");
        web.get().uri("/api/v1/teams").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-TW").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectBody().jsonPath("$[?(@.key == 'dawn')].station").isEqualTo("家樂站")
                .jsonPath("$[?(@.key == 'dawn')].name").isEqualTo("曙光");
        web.put().uri("/api/v1/teams/nobody").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(dawn).exchange().expectStatus().isNotFound();
    }

    private UUID volunteer(String compound, Map<String, Integer> skills) {
        UUID member = UUID.randomUUID();
        kafka.send(Topics.MEMBER_EVENTS, member.toString(), codec.toStructured(codec.wrap(
                new MemberRegistered(member, Set.of("VOLUNTEER"), compound), URI.create("/test")))).join();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.put().uri("/api/v1/volunteers/" + member + "/teams")
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("teams", List.of("angel"))).exchange().expectStatus().isOk());
        web.put().uri("/api/v1/volunteers/" + member + "/profile").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("skills", skills)).exchange().expectStatus().isOk();
        return member;
    }

    private WebTestClient.ResponseSpec put(String category, Map<String, Object> body, String token, String ifMatch) {
        return web.put().uri("/api/v1/dispatch-rules/" + category).headers(h -> {
                    h.setBearerAuth(token);
                    if (ifMatch != null) {
                        h.setIfMatch(ifMatch);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
