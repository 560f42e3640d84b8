package community.dispatch.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.Topics;
import community.dispatch.events.member.MemberDeactivated;
import community.dispatch.events.member.MemberErased;
import community.dispatch.events.member.MemberUpdated;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.events.order.OrderUnassignable;
import community.dispatch.events.request.RequestEvaluated;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.TestTokensConfiguration;

@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
@TestPropertySource(properties = "dispatch.dispatching.timer-interval=300ms")
class DispatchIT extends DispatchingTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    @Test
    void aRequestIsOfferedInTurnThenUnassignableWhenNobodyTakesIt() {
        String team = "weaver";
        UUID first = volunteerIn(team, "00000000-0000-0000-0001");
        UUID second = volunteerIn(team, "00000000-0000-0000-0002");
        UUID request = submit("sewing-mending", "DISPATCH");

        UUID firstOffer = awaitOffer(request, first);
        post(first, "/api/v1/orders/" + firstOffer + "/decline", Map.of("note", "away this week")).expectStatus().isOk();
        UUID secondOffer = awaitOffer(request, second);
        MovableClockConfiguration.CLOCK.advance(Duration.ofDays(1));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(orderEvents(request)).extracting(CloudEvent::type)
                .containsExactly("community.dispatch.order.offered.v1", "community.dispatch.order.declined.v1",
                        "community.dispatch.order.offered.v1", "community.dispatch.order.expired.v1",
                        "community.dispatch.order.unassignable.v1"));
        assertThat(codec.data(orderEvents(request).get(4), OrderUnassignable.class).reason()).contains("no eligible volunteer");
    }

    @Test
    void theVolunteerAcceptsStartsAndCompletesAndIsCreditedHours() {
        UUID volunteer = volunteerIn("lebei", "00000000-0000-0000-0003");
        UUID request = submit("childcare", "DISPATCH");
        UUID order = awaitOffer(request, volunteer);
        UUID stranger = volunteerIn("angel", "00000000-0000-0000-0004");

        post(stranger, "/api/v1/orders/" + order + "/acceptance", Map.of()).expectStatus().isNotFound();
        post(volunteer, "/api/v1/orders/" + order + "/acceptance", Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACCEPTED");
        post(volunteer, "/api/v1/orders/" + order + "/check-out", Map.of()).expectStatus().isEqualTo(409);
        post(volunteer, "/api/v1/orders/" + order + "/check-in", Map.of()).expectStatus().isOk();
        post(volunteer, "/api/v1/orders/" + order + "/check-out", Map.of("note", "孩子很開心")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("COMPLETED").jsonPath("$.hours").isEqualTo(0.5);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(orderEvents(request)).extracting(CloudEvent::type)
                .containsExactly("community.dispatch.order.offered.v1", "community.dispatch.order.accepted.v1",
                        "community.dispatch.order.started.v1", "community.dispatch.order.completed.v1"));
        assertThat(codec.data(orderEvents(request).get(3), OrderCompleted.class).note()).isEqualTo("孩子很開心");
        web.get().uri("/api/v1/orders?status=COMPLETED").headers(h -> h.setBearerAuth(token(volunteer))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].id").isEqualTo(order.toString());

        String today = LocalDate.now(MovableClockConfiguration.CLOCK.withZone(ZoneId.of("Asia/Shanghai"))).toString();
        String staff = TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(), "STAFF");
        web.post().uri("/api/v1/volunteers/" + volunteer + "/honour-hours").headers(h -> h.setBearerAuth(staff))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("hours", 0.3, "activity", "親子活動", "onDate", today)).exchange()
                .expectStatus().isBadRequest();
        web.post().uri("/api/v1/volunteers/" + volunteer + "/honour-hours").headers(h -> h.setBearerAuth(token(volunteer)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("hours", 2.0, "activity", "親子活動", "onDate", today)).exchange()
                .expectStatus().isForbidden();
        web.post().uri("/api/v1/volunteers/" + volunteer + "/honour-hours").headers(h -> h.setBearerAuth(staff))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("hours", 2.0, "activity", "親子活動 parent-child afternoon", "onDate", today)).exchange()
                .expectStatus().isCreated();
        LocalDate day = LocalDate.parse(today);
        for (Map<String, Object> tooMuch : List.of(
                Map.<String, Object>of("hours", 7.0, "activity", "the same day again", "onDate", today),
                Map.<String, Object>of("hours", 1.0, "activity", "tomorrow", "onDate", day.plusDays(1).toString()),
                Map.<String, Object>of("hours", 1.0, "activity", "long ago", "onDate", day.minusDays(31).toString()),
                Map.<String, Object>of("hours", 9.0, "activity", "one long entry", "onDate", day.minusDays(1).toString()))) {
            web.post().uri("/api/v1/volunteers/" + volunteer + "/honour-hours").headers(h -> h.setBearerAuth(staff))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(tooMuch).exchange()
                    .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        web.get().uri("/api/v1/volunteers/" + volunteer + "/hours").headers(h -> h.setBearerAuth(token(volunteer))).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.serviceHours").isEqualTo(0.5).jsonPath("$.honourHours").isEqualTo(2.0)
                .jsonPath("$.points").isEqualTo(25.0).jsonPath("$.entries.length()").isEqualTo(2);
        web.get().uri("/api/v1/volunteers/" + volunteer + "/hours").headers(h -> h.setBearerAuth(token(stranger))).exchange()
                .expectStatus().isNotFound();
        web.get().uri("/api/v1/teams/lebei/hours").headers(h -> h.setBearerAuth(staff)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.volunteers[?(@.volunteerId == '" + volunteer + "')].honourHours").isEqualTo(2.0);
    }

    @Test
    void erasingTheRequesterAndTheVolunteerLeavesTheHoursAndNothingThatSaysWhoOrWhere() {
        UUID volunteer = volunteerIn("lebei", "00000000-0000-0000-0009");
        publish(Topics.MEMBER_EVENTS, volunteer, new MemberUpdated(volunteer, Set.of("RESIDENT", "VOLUNTEER"), "C01", true,
                "C01/7", 33.956, 116.79));
        UUID requester = UUID.randomUUID();
        UUID request = UUID.randomUUID();
        publish(Topics.REQUEST_EVENTS, request, new RequestSubmitted(request, "childcare", "NORMAL", "APP", requester, Instant.now(),
                "DISPATCH", "C01", "G01", null, null, "C01/8", 33.957, 116.791));
        UUID order = awaitOffer(request, volunteer);
        post(volunteer, "/api/v1/orders/" + order + "/acceptance", Map.of()).expectStatus().isOk();
        post(volunteer, "/api/v1/orders/" + order + "/check-in", Map.of()).expectStatus().isOk();
        post(volunteer, "/api/v1/orders/" + order + "/check-out", Map.of("note", "李阿姨家的孩子很開心")).expectStatus().isOk();
        String staff = TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(), "STAFF");
        Map<String, Object> statement = hours("/api/v1/volunteers/" + volunteer + "/hours", staff);
        Map<String, Object> team = hours("/api/v1/teams/lebei/hours", staff);
        await().atMost(PATIENCE).until(() -> rows("SELECT count(*) FROM outbox_event WHERE payload::text LIKE '%李阿姨%'") == 1);
        Map<String, Object> export = hours("/api/v1/volunteers/" + volunteer + "/export", token(volunteer));
        assertThat(export.toString()).contains("homeBuilding=C01/7");
        assertThat(export.toString()).contains("李阿姨家的孩子很開心").contains(order.toString()).contains("lebei");

        publish(Topics.MEMBER_EVENTS, requester, new MemberErased(requester, Instant.now()));
        publish(Topics.MEMBER_EVENTS, volunteer, new MemberErased(volunteer, Instant.now()));

        await().atMost(PATIENCE).until(() -> rows("SELECT count(*) FROM outbox_event WHERE event_type = "
                + "'community.dispatch.order.member-erased.v1' AND message_key IN ('" + requester + "', '" + volunteer + "')"
                + " AND payload->'data'->>'orders' = '1'") == 2);
        assertThat(hours("/api/v1/volunteers/" + volunteer + "/hours", staff)).as("the volunteer's statement").isEqualTo(statement);
        assertThat(hours("/api/v1/teams/lebei/hours", staff)).as("the team's hours").isEqualTo(team);
        assertThat(rows("SELECT count(*) FROM volunteer WHERE member_id = '" + volunteer + "' AND (home_building IS NOT NULL OR active)"))
                .as("no home, no more offers").isZero();
        assertThat(rows("SELECT count(*) FROM dispatch WHERE request_id = '" + request + "' AND (building IS NOT NULL OR latitude IS NOT NULL)"))
                .as("where the requester lives").isZero();
        assertThat(rows("SELECT count(*) FROM order_offer WHERE note IS NOT NULL AND id = '" + order + "'")
                + rows("SELECT count(*) FROM outbox_event WHERE payload::text LIKE '%李阿姨%'")).as("the note, kept or in events").isZero();
        assertThat(hours("/api/v1/volunteers/" + volunteer + "/export", staff).toString()).doesNotContain("李阿姨").doesNotContain("C01/7")
                .contains(order.toString());
    }

    private Map<String, Object> hours(String path, String token) {
        return web.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    private long rows(String sql) {
        return database.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    @Test
    void aReplayedRequestEventCreatesNoSecondOrderAndDisputesAreNotDispatched() {
        volunteerIn("baoliang", "00000000-0000-0000-0005");
        UUID request = UUID.randomUUID();
        CloudEvent submitted = codec.wrap(new RequestSubmitted(request, "river-patrol", "URGENT", "APP", UUID.randomUUID(),
                Instant.now(), "DISPATCH", "C01", "G01"), URI.create("/request-service"));
        send(Topics.REQUEST_EVENTS, request, codec.toStructured(submitted));
        send(Topics.REQUEST_EVENTS, request, codec.toStructured(submitted));
        // Same key, same partition: once this one is processed, both copies before it were (a rating of a
        // request nobody served yet changes nothing; an event this consumer passes over would leave no row).
        String after = publish(Topics.REQUEST_EVENTS, request, new RequestEvaluated(request, 5, null));
        UUID dispute = UUID.randomUUID();
        String disputeEvent = publish(Topics.REQUEST_EVENTS, dispute, new RequestSubmitted(dispute, "neighbour-dispute",
                "COMPLEX", "APP", UUID.randomUUID(), Instant.now(), "DELIBERATION", "C01", "G01"));

        awaitProcessed(after);
        awaitProcessed(disputeEvent);
        assertThat(offersFor(request)).isEqualTo(1);
        assertThat(offersFor(dispute)).isZero();
    }

    @Test
    void aVolunteerWhoIsNotAvailableNowIsNotOffered() {
        UUID away = volunteerIn("red-steward", "00000000-0000-0000-0007");
        UUID here = volunteerIn("red-steward", "00000000-0000-0000-0008");
        LocalDate today = LocalDate.now(MovableClockConfiguration.CLOCK.withZone(ZoneId.of("Asia/Shanghai")));
        web.put().uri("/api/v1/volunteers/" + away + "/profile").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("skills", Map.of("electrical-repair", 4)))
                .exchange().expectStatus().isOk();
        web.put().uri("/api/v1/volunteers/" + away + "/availability").headers(h -> h.setBearerAuth(token(away)))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("leave", List.of(Map.of("from", today.minusDays(1).toString(), "to", today.plusDays(1).toString()))))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.skills.electrical-repair").isEqualTo(4);

        UUID request = submit("household-help", "DISPATCH");

        awaitOffer(request, here);
        assertThat(offersFor(request)).isEqualTo(1);
    }

    @Test
    void aReleasedOrderGoesToSomeoneElseAndATeamLeaderReassignsByHand() {
        UUID first = volunteerIn("angel", "00000000-0000-0000-0011");
        UUID second = volunteerIn("angel", "00000000-0000-0000-0012");
        UUID leader = volunteerIn("angel", "00000000-0000-0000-0013");
        UUID outsider = volunteerIn("lebei", "00000000-0000-0000-0014");
        UUID request = submit("health-talk", "DISPATCH");
        UUID firstOrder = awaitOffer(request, first);
        post(first, "/api/v1/orders/" + firstOrder + "/acceptance", Map.of()).expectStatus().isOk();

        post(first, "/api/v1/orders/" + firstOrder + "/release", Map.of("note", "a family matter")).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("RELEASED");
        UUID secondOrder = awaitOffer(request, second);

        appointLeader("angel", leader);
        appointLeader("lebei", outsider);
        String leaderToken = TestTokensConfiguration.TOKENS.token(leader.toString(), "TEAM_LEADER", "VOLUNTEER");
        String outsiderToken = TestTokensConfiguration.TOKENS.token(outsider.toString(), "TEAM_LEADER", "VOLUNTEER");
        web.post().uri("/api/v1/orders/assignments").headers(h -> h.setBearerAuth(outsiderToken))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("requestId", request, "volunteerId", first))
                .exchange().expectStatus().isForbidden();
        web.post().uri("/api/v1/orders/assignments").headers(h -> h.setBearerAuth(leaderToken))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("requestId", request, "volunteerId", first))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACCEPTED").jsonPath("$.volunteerId").isEqualTo(first.toString());

        assertThat(database.sql("SELECT status FROM order_offer WHERE id = :id").bind("id", secondOrder)
                .map(row -> row.get("status", String.class)).one().block()).isEqualTo("WITHDRAWN");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(orderEvents(request)).extracting(CloudEvent::type)
                .containsExactly("community.dispatch.order.offered.v1", "community.dispatch.order.accepted.v1",
                        "community.dispatch.order.released.v1", "community.dispatch.order.offered.v1",
                        "community.dispatch.order.withdrawn.v1", "community.dispatch.order.accepted.v1"));
        web.get().uri("/api/v1/teams/angel/orders?status=WITHDRAWN").headers(h -> h.setBearerAuth(leaderToken)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[?(@.id == '" + secondOrder + "')]").exists();
        web.get().uri("/api/v1/teams/angel/orders").headers(h -> h.setBearerAuth(outsiderToken)).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void aDeactivatedVolunteerIsNoLongerOffered() {
        UUID volunteer = volunteerIn("dawn", "00000000-0000-0000-0006");
        publish(Topics.MEMBER_EVENTS, volunteer, new MemberDeactivated(volunteer));
        await().atMost(PATIENCE).untilAsserted(() -> web.get().uri("/api/v1/volunteers/me")
                .headers(h -> h.setBearerAuth(token(volunteer))).exchange()
                .expectBody().jsonPath("$.active").isEqualTo(false));

        UUID request = submit("other", "DISPATCH");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(orderEvents(request)).extracting(CloudEvent::type)
                .containsExactly("community.dispatch.order.unassignable.v1"));
    }

    @Test
    void inAPoolFiftyVolunteersAcceptAtOnceAndExactlyOneWins() {
        List<UUID> pool = IntStream.range(0, 50)
                .mapToObj(i -> volunteerIn("baoliang", String.format("00000000-0000-0000-%04d", 100 + i))).toList();
        UUID request = submit("straw-burning", "DISPATCH");
        // Everyone eligible is offered it at once (other tests' baoliang volunteers too).
        Map<UUID, UUID> offerOf = await().atMost(PATIENCE).until(() -> database.sql(
                                "SELECT id, volunteer_id FROM order_offer WHERE request_id = :id")
                        .bind("id", request).map(row -> Map.entry(row.get("volunteer_id", UUID.class), row.get("id", UUID.class)))
                        .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block(),
                offers -> offers.keySet().containsAll(pool));

        // Fifty threads released together, each accepting its own offer.
        ExecutorService threads = Executors.newFixedThreadPool(pool.size());
        CyclicBarrier together = new CyclicBarrier(pool.size());
        List<CompletableFuture<Integer>> answers = pool.stream()
                .map(volunteer -> CompletableFuture.supplyAsync(() -> {
                    waitFor(together);
                    return web.post().uri("/api/v1/orders/" + offerOf.get(volunteer) + "/acceptance")
                            .headers(h -> h.setBearerAuth(token(volunteer))).exchange()
                            .expectBody().returnResult().getStatus().value();
                }, threads))
                .toList();
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
        threads.shutdown();

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(49);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(orderEvents(request)).extracting(CloudEvent::type)
                .filteredOn(type -> type.endsWith("accepted.v1")).hasSize(1));
        assertThat(database.sql("SELECT count(*) AS n FROM order_offer WHERE request_id = :id AND status = 'WITHDRAWN'")
                .bind("id", request).map(row -> row.get("n", Long.class)).one().block()).isEqualTo(offersFor(request) - 1);
    }

    private static void waitFor(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
