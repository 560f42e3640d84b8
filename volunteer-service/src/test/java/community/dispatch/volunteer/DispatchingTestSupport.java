package community.dispatch.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.DomainEvent;
import community.dispatch.events.Topics;
import community.dispatch.events.member.MemberRegistered;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.TestTokensConfiguration;
import community.dispatch.testing.TopicReader;

/** Volunteers, requests and offers as the dispatch tests need them: made through the real events and API. */
abstract class DispatchingTestSupport extends ServiceTestSupport {

    protected final String admin = TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(), "ADMIN");

    /** A member with the VOLUNTEER role (registered through member events), placed in the team by an admin. */
    protected UUID volunteerIn(String team, String prefix) {
        UUID member = UUID.fromString(prefix + "-" + String.format("%012d", (long) (Math.random() * 1e12)));
        publish(Topics.MEMBER_EVENTS, member, new MemberRegistered(member, Set.of("RESIDENT", "VOLUNTEER"), "C01"));
        await().atMost(PATIENCE).untilAsserted(() -> web.put().uri("/api/v1/volunteers/" + member + "/teams")
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("teams", List.of(team))).exchange().expectStatus().isOk());
        return member;
    }

    /** Staff make the volunteer one of the team's leaders. */
    protected void appointLeader(String team, UUID volunteer) {
        web.put().uri("/api/v1/teams/" + team + "/leaders/" + volunteer).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[?(@ == '" + volunteer + "')]").exists();
    }

    protected UUID submit(String category, String route) {
        return submitFor(UUID.randomUUID(), category, route);
    }

    /** A request of the requester's, as request-service publishes it. */
    protected UUID submitFor(UUID requester, String category, String route) {
        UUID request = UUID.randomUUID();
        publish(Topics.REQUEST_EVENTS, request, new RequestSubmitted(request, category, "NORMAL", "APP", requester,
                Instant.now(), route, "C01", "G01"));
        return request;
    }

    protected UUID awaitOffer(UUID request, UUID volunteer) {
        return await().atMost(PATIENCE).until(() -> orderEvents(request).stream()
                        .filter(event -> event.type().equals("community.dispatch.order.offered.v1"))
                        .map(event -> codec.data(event, OrderOffered.class))
                        .filter(offer -> offer.volunteerId().equals(volunteer))
                        .map(OrderOffered::orderId).findFirst().orElse(null),
                found -> found != null);
    }

    protected long offersFor(UUID request) {
        return database.sql("SELECT count(*) AS n FROM order_offer WHERE request_id = :id").bind("id", request)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    protected List<CloudEvent> orderEvents(UUID request) {
        return TopicReader.events(Topics.ORDER_EVENTS, request);
    }

    protected WebTestClient.ResponseSpec post(UUID volunteer, String path, Map<String, Object> body) {
        return web.post().uri(path).headers(h -> h.setBearerAuth(token(volunteer)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    protected static String token(UUID volunteer) {
        return TestTokensConfiguration.TOKENS.token(volunteer.toString(), "VOLUNTEER", "RESIDENT");
    }

    /** Publishes the event; answers its id. */
    protected String publish(String topic, UUID key, DomainEvent event) {
        CloudEvent envelope = codec.wrap(event, URI.create("/test"));
        send(topic, key, codec.toStructured(envelope));
        return envelope.id();
    }

    protected void awaitProcessed(String eventId) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(database.sql(
                        "SELECT count(*) AS n FROM processed_event WHERE consumer = 'volunteer-service.request-events' AND event_id = :id")
                .bind("id", eventId).map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1L));
    }

    protected void send(String topic, UUID key, byte[] value) {
        kafka.send(topic, key.toString(), value).join();
    }
}
