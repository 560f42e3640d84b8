package community.dispatch.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import community.dispatch.events.Topics;
import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.order.OrderDeclined;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.order.OrderUnassignable;
import community.dispatch.kit.streams.LiveEvents;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;
import reactor.core.Disposable;

/**
 * A team's live dispatch board (GET /api/v1/teams/{key}/board/stream): its leader sees the team's offers
 * and the requests nobody takes whose rule tells team leaders; staff see those whatever the rule says.
 * Sewing requests go to the weaver team.
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
@TestPropertySource(properties = "dispatch.test.context=streams")
class BoardStreamIT extends DispatchingTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> NEWS = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<Map<String, Object>> RULE = new ParameterizedTypeReference<>() { };
    private static final String CATEGORY = "sewing-mending";
    private static final String TEAM = "weaver";

    @LocalServerPort
    int port;

    @Autowired
    LiveEvents live;

    private UUID leader;

    @BeforeEach
    void aTeamWithALeader() {
        database.sql("UPDATE volunteer SET teams = array_remove(teams, 'weaver')").fetch().rowsUpdated().block();
        leader = volunteerIn(TEAM, "00000000-0000-0000-0501");
        appointLeader(TEAM, leader);
        await().atMost(PATIENCE).until(live::listening);
    }

    @Test
    void theLeaderSeesTheTeamsOffersAndARequestNobodyTakes() {
        tellOnUnassignable(List.of("TEAM_LEADER"));
        UUID volunteer = volunteerIn(TEAM, "00000000-0000-0000-0502");
        List<ServerSentEvent<Map<String, Object>>> board = new CopyOnWriteArrayList<>();
        Disposable connection = connect(leaderToken(), board);

        UUID offered = submit(CATEGORY, "DISPATCH");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(named(board)).anySatisfy(event -> {
            assertThat(event.event()).isEqualTo("offered");
            assertThat(event.data()).containsEntry("requestId", offered.toString()).containsEntry("status", "OFFERED");
            assertThat(event.data().get("volunteerId")).isIn(volunteer.toString(), leader.toString());
        }));

        emptyTheTeam();
        UUID nobody = submit(CATEGORY, "DISPATCH");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(named(board)).anySatisfy(event -> {
            assertThat(event.event()).isEqualTo("unassignable");
            assertThat(event.data()).containsEntry("requestId", nobody.toString()).containsEntry("reason", "no eligible volunteer is free");
        }));
        // The event names the leaders, for member-service to tell them by push or SMS.
        assertThat(orderEvents(nobody)).filteredOn(event -> event.type().equals("community.dispatch.order.unassignable.v1"))
                .singleElement().satisfies(event -> assertThat(codec.data(event, OrderUnassignable.class).leaders()).contains(leader));
        connection.dispose();
    }

    @Test
    void aRuleThatDoesNotTellTeamLeadersKeepsItOffTheirBoardButNotOffStaffs() {
        tellOnUnassignable(List.of("GRID_WORKER"));
        emptyTheTeam();
        List<ServerSentEvent<Map<String, Object>>> leaders = new CopyOnWriteArrayList<>();
        List<ServerSentEvent<Map<String, Object>>> staffs = new CopyOnWriteArrayList<>();
        Disposable leaderConnection = connect(leaderToken(), leaders);
        Disposable staffConnection = connect(TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(), "STAFF"), staffs);

        UUID quiet = submit(CATEGORY, "DISPATCH");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(requestsTold(staffs, "unassignable")).contains(quiet.toString()));

        // Both streams read each event as it comes: once staff saw it, the leader's stream has passed it by.
        tellOnUnassignable(List.of("TEAM_LEADER", "GRID_WORKER"));
        UUID told = submit(CATEGORY, "DISPATCH");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(requestsTold(leaders, "unassignable")).contains(told.toString()));
        assertThat(requestsTold(leaders, "unassignable")).doesNotContain(quiet.toString());
        leaderConnection.dispose();
        staffConnection.dispose();
    }

    /** A request of a category two teams serve: another team's orders on it are not this board's business. */
    @Test
    void anotherTeamsOrderOnTheSameRequestStaysOffTheBoard() {
        List<ServerSentEvent<Map<String, Object>>> board = new CopyOnWriteArrayList<>();
        Disposable connection = connect(leaderToken(), board);
        await().atMost(PATIENCE).until(() -> !board.isEmpty());
        UUID request = UUID.randomUUID();
        UUID ours = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        UUID ourVolunteer = UUID.randomUUID();
        UUID theirVolunteer = UUID.randomUUID();
        Instant expires = Instant.now().plusSeconds(600);
        publish(Topics.ORDER_EVENTS, request, new OrderOffered(ours, request, ourVolunteer, TEAM, expires));
        publish(Topics.ORDER_EVENTS, request, new OrderOffered(theirs, request, theirVolunteer, "dawn", expires));
        publish(Topics.ORDER_EVENTS, request, new OrderAccepted(theirs, request, theirVolunteer));
        publish(Topics.ORDER_EVENTS, request, new OrderDeclined(ours, request, ourVolunteer, "busy"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(named(board)).anySatisfy(event -> {
            assertThat(event.event()).isEqualTo("declined");
            assertThat(event.data()).containsEntry("orderId", ours.toString());
        }));
        assertThat(named(board)).noneMatch(event -> theirs.toString().equals(event.data().get("orderId")));
        connection.dispose();
    }

    private void emptyTheTeam() {
        database.sql("UPDATE volunteer SET teams = array_remove(teams, 'weaver')").fetch().rowsUpdated().block();
    }

    private String leaderToken() {
        return TestTokensConfiguration.TOKENS.token(leader.toString(), "VOLUNTEER", "TEAM_LEADER");
    }

    /** Admins set who the category's rule tells when nobody takes a request. */
    private void tellOnUnassignable(List<String> roles) {
        var read = web.get().uri("/api/v1/dispatch-rules/" + CATEGORY).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(RULE).returnResult();
        Map<String, Object> rule = new HashMap<>(read.getResponseBody());
        rule.put("notifyRoles", roles);
        web.put().uri("/api/v1/dispatch-rules/" + CATEGORY).headers(h -> {
                    h.setBearerAuth(admin);
                    h.setIfMatch(read.getResponseHeaders().getETag());
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(rule).exchange().expectStatus().isOk();
    }

    private Disposable connect(String token, List<ServerSentEvent<Map<String, Object>>> into) {
        return WebClient.create("http://localhost:" + port).get().uri("/api/v1/teams/" + TEAM + "/board/stream")
                .headers(h -> h.setBearerAuth(token)).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(NEWS).subscribe(into::add);
    }

    private static List<ServerSentEvent<Map<String, Object>>> named(List<ServerSentEvent<Map<String, Object>>> events) {
        return events.stream().filter(event -> event.event() != null).toList();
    }

    private static List<Object> requestsTold(List<ServerSentEvent<Map<String, Object>>> events, String change) {
        return named(events).stream().filter(event -> change.equals(event.event())).map(event -> event.data().get("requestId")).toList();
    }
}
