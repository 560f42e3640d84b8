package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.DomainEvent;
import community.dispatch.events.Topics;
import community.dispatch.events.member.MemberRegistered;
import community.dispatch.events.member.MemberUpdated;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.request.People.Person;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.TestTokensConfiguration;

@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
@TestPropertySource(properties = "dispatch.requests.timer-interval=500ms")
class RequestsIT extends RequestsTestSupport {

    @Test
    void aSubmissionIsStoredWithDeadlinesAndItsEventPublishedOnce() {
        Person resident = People.resident("G01");

        Map<String, Object> created = submit(resident, householdHelp(), null);

        assertThat(created).containsEntry("status", "SUBMITTED").containsEntry("urgency", "NORMAL")
                .containsEntry("gridCode", "G01").containsEntry("requesterId", resident.id().toString());
        Instant submitted = Instant.parse((String) created.get("submittedAt"));
        assertThat(Instant.parse((String) created.get("dispatchBy"))).isEqualTo(submitted.plus(Duration.ofHours(24)));
        String id = (String) created.get("id");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(eventsOf(id)).hasSize(1));
        CloudEvent event = eventsOf(id).get(0);
        assertThat(event.type()).isEqualTo("community.dispatch.request.submitted.v1");
        assertThat(codec.data(event, RequestSubmitted.class).categoryCode()).isEqualTo("household-help");
    }

    @Test
    void aRetriedSubmissionWithTheSameKeyCreatesNothingNew() {
        Person resident = People.resident("G01");

        Map<String, Object> first = submit(resident, householdHelp(), "submit-once");
        Map<String, Object> again = submit(resident, householdHelp(), "submit-once");

        assertThat(again.get("id")).isEqualTo(first.get("id"));
        assertThat(list(resident).get("total")).isEqualTo(1);
    }

    @Test
    void aRequestWantedLaterIsDueByItsWindowAndTellsDispatchWhen() {
        Person resident = People.resident("G01");
        Instant from = MovableClockConfiguration.CLOCK.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = new HashMap<>(householdHelp());
        body.put("preferredWindow", Map.of("from", from.toString(), "to", from.plus(Duration.ofHours(2)).toString()));
        Map<String, Object> created = submit(resident, body);

        assertThat(Instant.parse((String) created.get("dispatchBy"))).as("not overdue before it is wanted").isEqualTo(from);
        String id = (String) created.get("id");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(eventsOf(id)).hasSize(1));
        RequestSubmitted event = codec.data(eventsOf(id).get(0), RequestSubmitted.class);
        assertThat(event.preferredFrom()).isEqualTo(from);
        assertThat(event.preferredTo()).isEqualTo(from.plus(Duration.ofHours(2)));

        body.put("preferredWindow", Map.of("from", from.toString(), "to", from.minus(Duration.ofHours(1)).toString()));
        web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("preferredWindow");
    }

    @Test
    void whereHelpIsWantedTravelsToDispatchAndAPlaceOutsideTheCommunityIsRefused() {
        UUID id = UUID.randomUUID();
        Person resident = new Person(id, TestTokensConfiguration.TOKENS.token(id.toString(),
                Map.of("grid", "G01", "compound", "C01", "building", "C01/4"), "RESIDENT"));
        Map<String, Object> atHome = new HashMap<>(householdHelp());
        atHome.remove("location");
        String home = (String) submit(resident, atHome).get("id");
        Map<String, Object> located = new HashMap<>(householdHelp());
        located.put("location", Map.of("compoundCode", "C03", "buildingCode", "2", "latitude", 33.9571, "longitude", 116.7995));
        String there = (String) submit(resident, located).get("id");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(eventsOf(home)).hasSize(1));
        assertThat(codec.data(eventsOf(home).get(0), RequestSubmitted.class)).satisfies(event -> {
            assertThat(event.building()).as("the requester's home").isEqualTo("C01/4");
            assertThat(event.latitude()).isNull();
        });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(eventsOf(there)).hasSize(1));
        assertThat(codec.data(eventsOf(there).get(0), RequestSubmitted.class)).satisfies(event -> {
            assertThat(event.building()).isEqualTo("C03/2");
            assertThat(event.latitude()).isEqualTo(33.9571);
            assertThat(event.longitude()).isEqualTo(116.7995);
        });

        located.put("location", Map.of("latitude", 31.2304, "longitude", 121.4737));
        web.post().uri("/api/v1/requests").headers(h -> {
                    h.setBearerAuth(resident.token());
                    h.set(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN");
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(located).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().valueEquals(HttpHeaders.CONTENT_LANGUAGE, "zh-Hans")
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("location.latitude")
                .jsonPath("$.title").isEqualTo("请求中有无效的字段");
        located.put("location", Map.of("latitude", 33.9571));
        web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(located).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("location.longitude");
    }

    @Test
    void everyIdEndpointIsNotFoundForSomeoneElsesRequest() {
        Person owner = People.resident("G01");
        Person stranger = People.resident("G01");
        String id = (String) submit(owner, householdHelp(), null).get("id");

        for (String path : List.of("/api/v1/requests/" + id, "/api/v1/requests/" + id + "/timeline")) {
            web.get().uri(path).headers(h -> h.setBearerAuth(stranger.token())).exchange().expectStatus().isNotFound();
            web.get().uri(path).headers(h -> h.setBearerAuth(People.gridWorker("G02").token())).exchange().expectStatus().isNotFound();
            web.get().uri(path).headers(h -> h.setBearerAuth(People.gridWorker("G01").token())).exchange().expectStatus().isOk();
            // Living in G01 gives a grid worker of G02 nothing there: scope follows the grids staff assigned.
            web.get().uri(path).headers(h -> h.setBearerAuth(People.gridWorker("G02", "G01").token())).exchange()
                    .expectStatus().isNotFound();
            web.get().uri(path).headers(h -> h.setBearerAuth(People.staff().token())).exchange().expectStatus().isOk();
        }
        web.post().uri("/api/v1/requests/" + id + "/cancellation").headers(h -> h.setBearerAuth(stranger.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange().expectStatus().isNotFound();
        evaluate(stranger, UUID.fromString(id), 5).expectStatus().isNotFound();
        assertThat(list(stranger).get("total")).isEqualTo(0);
    }

    @Test
    void badBodiesAre400ProblemsNamingTheFields() {
        Person resident = People.resident("G01");

        badSubmission(resident, Map.of("categoryCode", "household-help"))
                .jsonPath("$.code").isEqualTo("validation-failed").jsonPath("$.errors[0].field").isEqualTo("description");
        badSubmission(resident, Map.of("categoryCode", "no-such", "description", "x"))
                .jsonPath("$.code").isEqualTo("unknown-category").jsonPath("$.errors[0].field").isEqualTo("categoryCode");
        badSubmission(resident, Map.of("categoryCode", "childcare", "description", "x",
                "attributes", Map.of("children", "two")))
                .jsonPath("$.errors[?(@.field == 'attributes.children')].message").isEqualTo("must be a number")
                .jsonPath("$.errors[?(@.field == 'attributes.when')].message").isEqualTo("is required");
        badSubmission(resident, Map.of("categoryCode", "household-help", "description", "x", "urgency", "COMPLEX",
                "attributes", Map.of("kind", "repair")))
                .jsonPath("$.errors[0].field").isEqualTo("urgency");
        badSubmission(resident, Map.of("categoryCode", "household-help", "description", "x", "urgency", "SOON"))
                .jsonPath("$.code").isEqualTo("bad-request");
        badSubmission(resident, Map.of("categoryCode", "household-help", "description", "x",
                "onBehalfOf", UUID.randomUUID().toString(), "channel", "VISIT", "attributes", Map.of("kind", "repair")))
                .jsonPath("$.code").isEqualTo("forbidden");
    }

    @Test
    void aGridWorkerSubmitsOnAResidentsBehalf() {
        Person worker = People.gridWorker("G02");
        UUID resident = registered("G02", true);

        Map<String, Object> created = submit(worker, onBehalfOf(resident, "GRID_REPORT"));

        assertThat(created).containsEntry("requesterId", resident.toString()).containsEntry("channel", "GRID_REPORT")
                .containsEntry("gridCode", "G02");
        RequestSubmitted event = codec.data(eventsOf((String) created.get("id")).get(0), RequestSubmitted.class);
        assertThat(event.submittedBy()).as("who entered it is never offered it either").isEqualTo(worker.id());
        assertThat(event.requesterId()).isEqualTo(resident);
    }

    /** Only an active member of the register, in a grid the worker serves (staff: anywhere), and never oneself. */
    @Test
    void onSomeonesBehalfMeansAnActiveMemberTheCallerServes() {
        Person worker = People.gridWorker("G02");
        for (UUID nobodyOfTheirs : List.of(UUID.randomUUID(), registered("G05", true), registered("G02", false), worker.id())) {
            badSubmission(worker, onBehalfOf(nobodyOfTheirs, "VISIT"))
                    .jsonPath("$.code").isEqualTo("validation-failed").jsonPath("$.errors[0].field").isEqualTo("onBehalfOf");
        }
        UUID elsewhere = registered("G05", true);
        assertThat(submit(People.staff(), onBehalfOf(elsewhere, "HOTLINE"))).containsEntry("gridCode", "G05");
    }

    @Test
    void similarOpenRequestsNearbyComeBackAsHintsAndStaffCloseDuplicates() {
        Person first = People.resident("G03");
        Person neighbour = People.resident("G03");
        Map<String, Object> inBuilding = Map.of("categoryCode", "sewing-mending", "description", "衣服要補",
                "location", Map.of("buildingCode", "7", "latitude", 33.9560, "longitude", 116.7890));
        String original = (String) submit(first, inBuilding, null).get("id");

        Map<String, Object> forNeighbour = submitted(neighbour, inBuilding, null);
        assertThat(forNeighbour.get("similarOpenRequests")).isEqualTo(1);
        assertThat((List<?>) forNeighbour.get("possibleDuplicates")).as("not theirs to see").isEmpty();

        Person worker = People.gridWorker("G03");
        Map<String, Object> thirtyMetresAway = new HashMap<>(Map.of("categoryCode", "sewing-mending",
                "description", "補褲子", "onBehalfOf", registered("G03", true).toString(), "channel", "VISIT",
                "location", Map.of("latitude", 33.95627, "longitude", 116.7890)));
        Map<String, Object> byWorker = submitted(worker, thirtyMetresAway, null);
        assertThat(byWorker.get("similarOpenRequests")).isEqualTo(2);
        assertThat((List<Map<String, Object>>) byWorker.get("possibleDuplicates")).extracting(hint -> hint.get("id"))
                .contains(original);
        thirtyMetresAway.put("location", Map.of("latitude", 33.9580, "longitude", 116.7890));
        assertThat(submitted(worker, thirtyMetresAway, null).get("similarOpenRequests")).as("220 m away").isEqualTo(0);

        String repeat = (String) ((Map<?, ?>) forNeighbour.get("request")).get("id");
        web.post().uri("/api/v1/requests/" + repeat + "/duplicate").headers(h -> h.setBearerAuth(neighbour.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("originalId", original)).exchange()
                .expectStatus().isForbidden();
        web.post().uri("/api/v1/requests/" + repeat + "/duplicate").headers(h -> h.setBearerAuth(People.staff().token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("originalId", original)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CLOSED").jsonPath("$.duplicateOf").isEqualTo(original);
    }

    private Map<String, Object> onBehalfOf(UUID resident, String channel) {
        Map<String, Object> body = new HashMap<>(householdHelp());
        body.put("onBehalfOf", resident.toString());
        body.put("channel", channel);
        return body;
    }

    /** A member of the register living in the grid, as member-service tells request-service. */
    private UUID registered(String grid, boolean active) {
        UUID member = UUID.randomUUID();
        DomainEvent event = active ? new MemberRegistered(member, Set.of("RESIDENT"), "C01", "C01/1", null, null, grid)
                : new MemberUpdated(member, Set.of("RESIDENT"), "C01", false, "C01/1", null, null, grid);
        kafka.send(Topics.MEMBER_EVENTS, member.toString(), codec.toStructured(codec.wrap(event, URI.create("/member-service")))).join();
        await().atMost(PATIENCE).until(() -> database.sql("SELECT 1 FROM member_register WHERE member_id = :id").bind("id", member)
                .map(row -> true).one().blockOptional().isPresent());
        return member;
    }

    private WebTestClient.BodyContentSpec badSubmission(Person person, Map<String, Object> body) {
        return web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(person.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().value(status -> assertThat(status).isIn(400, 403))
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }

    private Map<String, Object> list(Person person) {
        return web.get().uri("/api/v1/requests").headers(h -> h.setBearerAuth(person.token())).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }
}
