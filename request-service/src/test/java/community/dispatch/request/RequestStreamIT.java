package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import community.dispatch.events.DomainEvent;
import community.dispatch.events.Topics;
import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.events.order.OrderStarted;
import community.dispatch.events.order.OrderUnassignable;
import community.dispatch.kit.streams.LiveEvents;
import community.dispatch.request.People.Person;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.TestTokensConfiguration;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * A resident's live stream (GET /api/v1/requests/stream): the moves of their requests — the ones they had
 * and the ones they submit while connected — and nobody else's.
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
class RequestStreamIT extends ServiceTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> NEWS = new ParameterizedTypeReference<>() { };

    @LocalServerPort
    int port;

    @Autowired
    LiveEvents live;

    @Test
    void aResidentWatchesTheirRequestBeAssignedThenResolvedAndSeesNoOneElses() {
        Person resident = People.resident("G01");
        Person neighbour = People.resident("G01");
        UUID earlier = submit(resident);
        await().atMost(PATIENCE).until(live::listening);
        List<ServerSentEvent<Map<String, Object>>> events = new CopyOnWriteArrayList<>();
        Disposable stream = WebClient.create("http://localhost:" + port).get().uri("/api/v1/requests/stream")
                .headers(h -> h.setBearerAuth(resident.token())).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(NEWS).subscribe(events::add);
        await().atMost(PATIENCE).until(() -> !events.isEmpty()); // the opening line: connected

        UUID request = submit(resident);
        UUID theirs = submit(neighbour);
        for (UUID id : List.of(earlier, request, theirs)) {
            UUID order = UUID.randomUUID();
            UUID volunteer = UUID.randomUUID();
            publish(new OrderAccepted(order, id, volunteer));
            publish(new OrderStarted(order, id, volunteer, Instant.now()));
            publish(new OrderCompleted(order, id, volunteer, Instant.now(), "fixed the tap"));
        }

        for (UUID mine : List.of(earlier, request)) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(moves(events, mine))
                    .containsSubsequence("ASSIGNED", "IN_PROGRESS", "RESOLVED"));
        }
        assertThat(moves(events, request)).startsWith("SUBMITTED");
        assertThat(events).filteredOn(event -> event.data() != null)
                .noneMatch(event -> theirs.toString().equals(event.data().get("requestId")));
        assertThat(events).filteredOn(event -> event.event() != null).allMatch(event -> event.id() != null);
        stream.dispose();
    }

    @Test
    void aGridWorkerWatchesTheGridsRequestsAndTheirEscalationsAndNoOtherGrids() {
        String grid = "GB" + System.nanoTime() % 100_000;
        Person worker = People.gridWorker(grid);
        Person resident = People.resident(grid);
        Person elsewhere = People.resident("G02");
        await().atMost(PATIENCE).until(live::listening);
        List<ServerSentEvent<Map<String, Object>>> events = new CopyOnWriteArrayList<>();
        Disposable stream = WebClient.create("http://localhost:" + port).get()
                .uri(uri -> uri.path("/api/v1/requests/board/stream").queryParam("grid", grid).build())
                .headers(h -> h.setBearerAuth(worker.token())).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(NEWS).subscribe(events::add);
        await().atMost(PATIENCE).until(() -> !events.isEmpty());

        UUID request = submit(resident);
        UUID notTheirs = submit(elsewhere);
        publish(new OrderUnassignable(request, "no eligible volunteer is free", List.of("red-steward"), List.of("GRID_WORKER")));
        publish(new OrderUnassignable(notTheirs, "no eligible volunteer is free", List.of("red-steward"), List.of("GRID_WORKER")));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(moves(events, request)).containsSubsequence("SUBMITTED", "ESCALATED"));
        assertThat(events).filteredOn(event -> "ESCALATED".equals(event.data() == null ? null : event.data().get("status")))
                .singleElement().satisfies(event -> assertThat((String) event.data().get("detail")).isNotBlank());
        assertThat(events).filteredOn(event -> event.data() != null)
                .noneMatch(event -> notTheirs.toString().equals(event.data().get("requestId")));
        stream.dispose();

        // Someone who does not serve the grid is refused.
        Integer refused = WebClient.create("http://localhost:" + port).get()
                .uri(uri -> uri.path("/api/v1/requests/board/stream").queryParam("grid", grid).build())
                .headers(h -> h.setBearerAuth(People.gridWorker("G02").token())).accept(MediaType.TEXT_EVENT_STREAM)
                .exchangeToMono(answer -> Mono.just(answer.statusCode().value())).block(PATIENCE);
        assertThat(refused).isEqualTo(403);
    }

    private static List<Object> moves(List<ServerSentEvent<Map<String, Object>>> events, UUID request) {
        return events.stream().filter(event -> event.data() != null && request.toString().equals(event.data().get("requestId")))
                .map(event -> event.data().get("status")).filter(status -> status != null).toList();
    }

    @SuppressWarnings("unchecked")
    private UUID submit(Person person) {
        Map<String, Object> answer = web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(person.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categoryCode", "household-help", "description", "水龙头漏水 the kitchen tap leaks",
                        "attributes", Map.of("kind", "repair"), "location", Map.of("buildingCode", "3", "unitCode", "201")))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return UUID.fromString((String) ((Map<String, Object>) answer.get("request")).get("id"));
    }

    private void publish(DomainEvent event) {
        kafka.send(Topics.ORDER_EVENTS, event.subject(), codec.toStructured(codec.wrap(event, URI.create("/volunteer-service"))))
                .join();
    }
}
