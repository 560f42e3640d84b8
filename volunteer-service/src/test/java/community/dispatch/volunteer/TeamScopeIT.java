package community.dispatch.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.Topics;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.events.order.OrderUnassignable;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/** A team leader acts within the teams they lead — joining another gives nothing — and nobody serves their own request. */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
@TestPropertySource(properties = "dispatch.test.context=team-scope")
class TeamScopeIT extends DispatchingTestSupport {

    private static final List<String> ALL_TEAMS = List.of("angel", "weaver", "dawn", "red-steward", "baoliang", "lebei");

    @Test
    void aLeaderCannotPutThemselfInEveryTeamNorActOutsideTheirOwn() {
        UUID leader = volunteerIn("red-steward", "00000000-0000-0000-0201");
        appointLeader("red-steward", leader);
        String token = TestTokensConfiguration.TOKENS.token(leader.toString(), "TEAM_LEADER", "VOLUNTEER");

        placeInTeams(token, leader, ALL_TEAMS).expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/v1/volunteers/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.teams").isEqualTo(List.of("red-steward"));
        web.get().uri("/api/v1/teams/audit?target=" + leader).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[0].action").isEqualTo("volunteer.teams-changed")
                .jsonPath("$[0].outcome").isEqualTo("REFUSED")
                .jsonPath("$[0].actor").isEqualTo(leader.toString())
                .jsonPath("$[0].after.teams.length()").isEqualTo(6);
        web.get().uri("/api/v1/teams/audit").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isForbidden();

        // Another team's volunteer (or leader) is staff's to move: a leader could certify their hours otherwise.
        UUID newcomer = volunteerIn("dawn", "00000000-0000-0000-0202");
        placeInTeams(token, newcomer, List.of("dawn", "red-steward")).expectStatus().isForbidden();
        placeInTeams(admin, newcomer, List.of()).expectStatus().isOk();
        placeInTeams(token, newcomer, List.of("red-steward")).expectStatus().isOk();
        placeInTeams(token, newcomer, List.of("red-steward", "dawn")).expectStatus().isForbidden();
        web.get().uri("/api/v1/teams/angel/hours").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isForbidden();
        web.get().uri("/api/v1/teams/red-steward/hours").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
        web.get().uri("/api/v1/teams/dawn/orders").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isForbidden();
        web.get().uri("/api/v1/teams/red-steward/orders").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
        // Leadership as the console reads it: the leader sees the one team they lead; staff every team.
        web.get().uri("/api/v1/teams/leaders").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1).jsonPath("$.red-steward").isEqualTo(List.of(leader.toString()));
        web.get().uri("/api/v1/teams/leaders").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(ALL_TEAMS.size());
    }

    @Test
    void onlyStaffAppointLeadersAndOnlyFromTheTeam() {
        UUID volunteer = volunteerIn("lebei", "00000000-0000-0000-0203");
        String leaderElsewhere = TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(), "TEAM_LEADER", "VOLUNTEER");

        web.put().uri("/api/v1/teams/lebei/leaders/" + volunteer).headers(h -> h.setBearerAuth(leaderElsewhere)).exchange()
                .expectStatus().isForbidden();
        web.put().uri("/api/v1/teams/angel/leaders/" + volunteer).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("not-in-team");
        appointLeader("lebei", volunteer);
        web.delete().uri("/api/v1/teams/lebei/leaders/" + volunteer).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aVolunteerIsNeverOfferedNorAssignedTheirOwnRequest() {
        UUID volunteer = volunteerIn("baoliang", "00000000-0000-0000-0204");
        UUID request = submitFor(volunteer, "river-patrol", "DISPATCH");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(orderEvents(request)).extracting(CloudEvent::type)
                .last().isEqualTo("community.dispatch.order.unassignable.v1"));
        assertThat(orderEvents(request)).extracting(CloudEvent::type).doesNotContain("community.dispatch.order.offered.v1");
        assertThat(codec.data(orderEvents(request).get(orderEvents(request).size() - 1), OrderUnassignable.class).reason())
                .contains("no eligible volunteer");

        UUID neighbour = volunteerIn("baoliang", "00000000-0000-0000-0205");
        UUID theirs = submitFor(neighbour, "river-patrol", "DISPATCH");
        awaitOffer(theirs, volunteer);
        assertThat(offersFor(theirs)).isEqualTo(1);

        assignByHand(request, volunteer).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("own-request");
        assignByHand(request, neighbour).expectStatus().isOk().expectBody().jsonPath("$.volunteerId").isEqualTo(neighbour.toString());
    }

    /**
     * A grid worker who is also a volunteer, entering a request on a resident's behalf, is never offered it nor
     * given it (they could report work to earn on); nor does staff assign a request to themself.
     */
    @Test
    void whoEnteredARequestForSomeoneIsNeverOfferedItAndNobodyAssignsThemself() {
        database.sql("UPDATE volunteer SET teams = array_remove(teams, 'baoliang')").fetch().rowsUpdated().block();
        UUID workerWhoVolunteers = volunteerIn("baoliang", "00000000-0000-0000-0206");
        UUID request = UUID.randomUUID();
        publish(Topics.REQUEST_EVENTS, request, new RequestSubmitted(request, "river-patrol", "NORMAL", "GRID_REPORT",
                UUID.randomUUID(), Instant.now(), "DISPATCH", "C01", "G01", null, null, null, null, null, workerWhoVolunteers));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(orderEvents(request)).extracting(CloudEvent::type)
                .last().isEqualTo("community.dispatch.order.unassignable.v1"));
        assertThat(orderEvents(request)).extracting(CloudEvent::type).doesNotContain("community.dispatch.order.offered.v1");
        assignByHand(request, workerWhoVolunteers).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("own-request");

        UUID staffWhoVolunteers = volunteerIn("baoliang", "00000000-0000-0000-0207");
        web.post().uri("/api/v1/orders/assignments").headers(h -> h.setBearerAuth(
                        TestTokensConfiguration.TOKENS.token(staffWhoVolunteers.toString(), "STAFF", "VOLUNTEER")))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("requestId", request, "volunteerId", staffWhoVolunteers))
                .exchange().expectStatus().isForbidden();
        assignByHand(request, staffWhoVolunteers).expectStatus().isOk();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec assignByHand(UUID request, UUID volunteer) {
        return web.post().uri("/api/v1/orders/assignments").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("requestId", request, "volunteerId", volunteer)).exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec placeInTeams(String token, UUID volunteer,
            List<String> teams) {
        return web.put().uri("/api/v1/volunteers/" + volunteer + "/teams").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("teams", teams)).exchange();
    }
}
