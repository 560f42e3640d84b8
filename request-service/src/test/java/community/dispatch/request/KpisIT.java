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
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.events.DomainEvent;
import community.dispatch.events.Topics;
import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.request.People.Person;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/** A context (and so a database) of its own, so the figures are over exactly the requests made here. */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
@TestPropertySource(properties = "dispatch.test.context=kpis")
class KpisIT extends ServiceTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    @Test
    void theThreeRatesAndTheSlaFiguresCountWhatHappened() {
        Person resident = People.resident("G01");
        UUID happy = submit(resident, "household-help");
        UUID unhappy = submit(resident, "household-help");
        submit(resident, "household-help");
        UUID withdrawn = submit(resident, "household-help");
        UUID sewing = submit(People.resident("G02"), "sewing-mending");
        for (UUID id : List.of(happy, unhappy)) {
            UUID order = UUID.randomUUID();
            UUID volunteer = UUID.randomUUID();
            publish(new OrderOffered(order, id, volunteer, "red-steward", Instant.now().plusSeconds(900)));
            publish(new OrderAccepted(order, id, volunteer));
            publish(new OrderCompleted(order, id, volunteer, Instant.now(), "done"));
        }
        publish(new OrderCompleted(UUID.randomUUID(), sewing, UUID.randomUUID(), Instant.now(), "mended"));
        web.post().uri("/api/v1/requests/" + withdrawn + "/cancellation").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange().expectStatus().isOk();
        for (UUID id : List.of(happy, unhappy, sewing)) {
            awaitResolved(id);
        }
        rate(resident, happy, 5);
        rate(resident, unhappy, 2);

        Map<String, Object> overall = figures("NONE").get(0);
        assertThat(overall).containsEntry("requests", 4).containsEntry("resolved", 3).containsEntry("rated", 2)
                .containsEntry("responseRate", 0.75).containsEntry("resolutionRate", 0.75)
                .containsEntry("satisfactionRate", 0.5).containsEntry("slaCompliance", 1.0);
        assertThat(overall.get("medianHoursToResolve")).isNotNull();

        assertThat(figures("TEAM")).extracting(f -> f.get("key") + ":" + f.get("requests"))
                .containsExactly("-:2", "red-steward:2");
        assertThat(figures("GRID")).extracting(f -> f.get("key") + ":" + f.get("resolved"))
                .containsExactly("G01:2", "G02:1");
        web.get().uri("/api/v1/requests/kpis").headers(h -> h.setBearerAuth(resident.token())).exchange()
                .expectStatus().isForbidden();
        web.get().uri("/api/v1/requests/kpis?from=2026-11-30&to=2026-11-01").headers(h -> h.setBearerAuth(People.staff().token()))
                .exchange().expectStatus().isBadRequest();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> figures(String groupBy) {
        Map<String, Object> answer = web.get().uri("/api/v1/requests/kpis?groupBy=" + groupBy)
                .headers(h -> h.setBearerAuth(People.staff().token())).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        return (List<Map<String, Object>>) answer.get("figures");
    }

    private UUID submit(Person person, String category) {
        Map<String, Object> answer = web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(person.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categoryCode", category, "description", "KPI test",
                        "attributes", category.equals("household-help") ? Map.of("kind", "errand") : Map.of()))
                .exchange().expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        return UUID.fromString((String) ((Map<?, ?>) answer.get("request")).get("id"));
    }

    private void rate(Person person, UUID id, int stars) {
        web.post().uri("/api/v1/requests/" + id + "/evaluation").headers(h -> h.setBearerAuth(person.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("rating", stars)).exchange()
                .expectStatus().isOk();
    }

    private void awaitResolved(UUID id) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(web.get().uri("/api/v1/requests/" + id)
                .headers(h -> h.setBearerAuth(People.staff().token())).exchange()
                .expectBody(MAP).returnResult().getResponseBody().get("status")).isEqualTo("RESOLVED"));
    }

    private void publish(DomainEvent event) {
        kafka.send(Topics.ORDER_EVENTS, event.subject(),
                codec.toStructured(codec.wrap(event, URI.create("/volunteer-service")))).join();
    }
}
