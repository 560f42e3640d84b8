package community.dispatch.request;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.Topics;
import community.dispatch.request.People.Person;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.TopicReader;

/** What the tests of a request's submission and life call: submit, evaluate, read, and the events around them. */
abstract class RequestsTestSupport extends ServiceTestSupport {

    static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    static Map<String, Object> householdHelp() {
        return Map.of("categoryCode", "household-help", "description", "水龍頭漏水 the kitchen tap leaks",
                "attributes", Map.of("kind", "repair"), "location", Map.of("buildingCode", "3", "unitCode", "201"));
    }

    Map<String, Object> submit(Person person, Map<String, Object> body) {
        return submit(person, body, null);
    }

    /** Submits and answers the request part of the answer. */
    @SuppressWarnings("unchecked")
    Map<String, Object> submit(Person person, Map<String, Object> body, String key) {
        return (Map<String, Object>) submitted(person, body, key).get("request");
    }

    Map<String, Object> submitted(Person person, Map<String, Object> body, String key) {
        return web.post().uri("/api/v1/requests").headers(h -> {
                    h.setBearerAuth(person.token());
                    if (key != null) {
                        h.set("Idempotency-Key", key);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody(MAP).returnResult().getResponseBody();
    }

    WebTestClient.ResponseSpec evaluate(Person person, UUID id, int rating) {
        return web.post().uri("/api/v1/requests/" + id + "/evaluation").headers(h -> h.setBearerAuth(person.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("rating", rating, "comment", "評價")).exchange();
    }

    String status(Person person, UUID id) {
        return (String) web.get().uri("/api/v1/requests/" + id).headers(h -> h.setBearerAuth(person.token())).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody().get("status");
    }

    /** Sends a record on the order topic, as volunteer-service would. */
    void send(UUID requestId, byte[] value) {
        kafka.send(Topics.ORDER_EVENTS, requestId.toString(), value).join();
    }

    List<CloudEvent> eventsOf(String requestId) {
        return TopicReader.events(Topics.REQUEST_EVENTS, requestId);
    }
}
