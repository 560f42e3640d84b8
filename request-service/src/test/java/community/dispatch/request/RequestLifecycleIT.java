package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.DomainEvent;
import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.order.OrderReleased;
import community.dispatch.events.order.OrderStarted;
import community.dispatch.events.order.OrderUnassignable;
import community.dispatch.request.People.Person;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.TestTokensConfiguration;

/** A request's life after submission: volunteers' progress, release, ratings and rounds again, deadlines, withdrawal and reclassification. */
@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
@TestPropertySource(properties = "dispatch.requests.timer-interval=500ms")
class RequestLifecycleIT extends RequestsTestSupport {

    @Test
    void orderEventsDriveTheRequestToResolvedAndReplaysChangeNothing() {
        Person resident = People.resident("G01");
        UUID id = UUID.fromString((String) submit(resident, householdHelp(), null).get("id"));
        UUID order = UUID.randomUUID();
        UUID volunteer = UUID.randomUUID();

        publish(new OrderOffered(order, id, volunteer, "red-steward", Instant.now().plusSeconds(3600)));
        byte[] accepted = codec.toStructured(codec.wrap(new OrderAccepted(order, id, volunteer), URI.create("/volunteer-service")));
        send(id, accepted);
        awaitStatus(resident, id, "ASSIGNED");
        publish(new OrderStarted(order, id, volunteer, Instant.now()));
        publish(new OrderCompleted(order, id, volunteer, Instant.now(), "fixed the tap"));
        awaitStatus(resident, id, "RESOLVED");

        send(id, accepted);
        publish(new OrderAccepted(order, id, volunteer));
        publish(new OrderCompleted(order, id, volunteer, Instant.now(), "again"));

        List<Map<String, Object>> timeline = web.get().uri("/api/v1/requests/" + id + "/timeline")
                .headers(h -> h.setBearerAuth(resident.token())).exchange()
                .expectStatus().isOk().expectBodyList(MAP).returnResult().getResponseBody();
        // The marker goes through the same partition after the replays: once it was handled, so were they.
        String marker = publish(new OrderUnassignable(id, "marker", List.of(), List.of()));
        awaitProcessed(marker);
        assertThat(status(resident, id)).isEqualTo("RESOLVED");
        assertThat(timeline).extracting(entry -> entry.get("to"))
                .containsExactly("SUBMITTED", "DISPATCHING", "ASSIGNED", "IN_PROGRESS", "RESOLVED");
    }

    @Test
    void aReleasedOrderPutsTheRequestBackIntoDispatch() {
        Person resident = People.resident("G01");
        UUID id = UUID.fromString((String) submit(resident, householdHelp(), null).get("id"));
        UUID order = UUID.randomUUID();
        UUID volunteer = UUID.randomUUID();
        publish(new OrderAccepted(order, id, volunteer));
        awaitStatus(resident, id, "ASSIGNED");

        publish(new OrderReleased(order, id, volunteer, "a family matter"));

        awaitStatus(resident, id, "DISPATCHING");
    }

    @Test
    void aLowRatingReopensAndAGoodOneCloses() {
        Person resident = People.resident("G01");
        UUID low = resolvedRequest(resident);
        UUID good = resolvedRequest(resident);

        evaluate(resident, low, 2).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REOPENED")
                .jsonPath("$.rating").isEqualTo(2);
        evaluate(resident, good, 5).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CLOSED");
        evaluate(resident, good, 1).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("illegal-transition").jsonPath("$.status").isEqualTo("CLOSED");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(eventsOf(low.toString()))
                .extracting(CloudEvent::type)
                .contains("community.dispatch.request.evaluated.v1", "community.dispatch.request.reopened.v1"));
    }

    @Test
    void afterTwoRoundsALowRatingGoesToStaffInsteadOfRoundAgain() {
        Person resident = People.resident("G01");
        UUID id = resolvedRequest(resident);
        for (int round = 1; round <= 2; round++) {
            evaluate(resident, id, 1).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REOPENED");
            publish(new OrderCompleted(UUID.randomUUID(), id, UUID.randomUUID(), Instant.now(), "done, round " + round));
            awaitStatus(resident, id, "RESOLVED");
        }

        evaluate(resident, id, 1).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ESCALATED");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(eventsOf(id.toString()))
                .extracting(CloudEvent::type).contains("community.dispatch.request.escalated.v1"));
    }

    @Test
    void aBreachedDeadlineEscalates() {
        Person resident = People.resident("G01");
        String id = (String) submit(resident, Map.of("categoryCode", "straw-burning",
                "description", "有人在焚燒秸稈 smoke near the river")).get("id");
        assertThat(status(resident, UUID.fromString(id))).isEqualTo("SUBMITTED");

        // Straw burning is an EMERGENCY: dispatched within the hour, or escalated.
        MovableClockConfiguration.CLOCK.advance(Duration.ofHours(2));

        awaitStatus(resident, UUID.fromString(id), "ESCALATED");
        web.get().uri("/api/v1/requests?overdue=true").headers(h -> h.setBearerAuth(People.staff().token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.items[?(@.id == '" + id + "')]").exists();
    }

    @Test
    void theRequesterWithdrawsBeforeWorkStartsButNotAfter() {
        Person resident = People.resident("G01");
        String early = (String) submit(resident, householdHelp(), null).get("id");
        UUID started = UUID.fromString((String) submit(resident, householdHelp(), null).get("id"));
        publish(new OrderStarted(UUID.randomUUID(), started, UUID.randomUUID(), Instant.now()));
        awaitStatus(resident, started, "IN_PROGRESS");

        web.post().uri("/api/v1/requests/" + early + "/cancellation").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "solved it myself")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
        web.post().uri("/api/v1/requests/" + started + "/cancellation").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("illegal-transition");
    }

    @Test
    void staffReclassifyARequestAsComplex() {
        Person resident = People.resident("G01");
        String id = (String) submit(resident, householdHelp(), null).get("id");

        web.post().uri("/api/v1/requests/" + id + "/urgency").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("urgency", "COMPLEX")).exchange()
                .expectStatus().isForbidden();
        Map<String, Object> complex = web.post().uri("/api/v1/requests/" + id + "/urgency")
                .headers(h -> h.setBearerAuth(People.staff().token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("urgency", "COMPLEX")).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();

        assertThat(complex).containsEntry("urgency", "COMPLEX");
        assertThat(Duration.between(Instant.parse((String) complex.get("submittedAt")),
                Instant.parse((String) complex.get("feedbackBy")))).isEqualTo(Duration.ofDays(15));
    }

    private UUID resolvedRequest(Person resident) {
        UUID id = UUID.fromString((String) submit(resident, householdHelp(), null).get("id"));
        publish(new OrderCompleted(UUID.randomUUID(), id, UUID.randomUUID(), Instant.now(), "done"));
        awaitStatus(resident, id, "RESOLVED");
        return id;
    }

    private void awaitStatus(Person person, UUID id, String status) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(status(person, id)).isEqualTo(status));
    }

    private void awaitProcessed(String eventId) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(database.sql(
                        "SELECT count(*) AS n FROM processed_event WHERE consumer = 'request-service.order-events' AND event_id = :id")
                .bind("id", eventId).map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1L));
    }

    /** Publishes as volunteer-service would; answers the event id. */
    private String publish(DomainEvent event) {
        CloudEvent envelope = codec.wrap(event, URI.create("/volunteer-service"));
        send(UUID.fromString(event.subject()), codec.toStructured(envelope));
        return envelope.id();
    }
}
