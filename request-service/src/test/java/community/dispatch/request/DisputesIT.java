package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.Topics;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.request.People.Person;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.TestTokensConfiguration;
import community.dispatch.testing.TopicReader;

@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
@TestPropertySource(properties = "dispatch.requests.timer-interval=500ms")
class DisputesIT extends ServiceTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    private final Person staff = People.staff();

    @Test
    void aDisputeClimbsTheLadderUntilSettledAndIsThenEvaluated() {
        Person resident = People.resident("G01");
        String id = dispute(resident);

        assertThat(request(resident, id).get("status")).isEqualTo("IN_PROGRESS");
        assertThat(standing(resident, id)).containsEntry("step", "ONLINE_DELIBERATION");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<CloudEvent> events = TopicReader.events(Topics.REQUEST_EVENTS, id);
            assertThat(events).hasSizeGreaterThanOrEqualTo(2);
            assertThat(codec.data(events.get(0), RequestSubmitted.class).route()).isEqualTo("DELIBERATION");
        });

        session(staff, id, "UNSETTLED").expectStatus().isOk();
        web.post().uri("/api/v1/requests/" + id + "/deliberation/escalation").headers(h -> h.setBearerAuth(staff.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "parties far apart")).exchange()
                .expectStatus().isOk();
        assertThat(standing(resident, id)).containsEntry("step", "PROPERTY_COUNCIL");

        MovableClockConfiguration.CLOCK.advance(Duration.ofDays(8));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(standing(resident, id)).containsEntry("step", "COMMUNITY_COUNCIL"));

        session(People.resident("G01"), id, "SETTLED").expectStatus().isForbidden();
        session(staff, id, "SETTLED").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("RESOLVED");
        assertThat((List<?>) standing(resident, id).get("sessions")).hasSize(2);
        web.post().uri("/api/v1/requests/" + id + "/evaluation").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("rating", 4)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CLOSED");
    }

    @Test
    void pastTheTopRungTheDisputeIsEscalatedToStaff() {
        Person resident = People.resident("G01");
        String id = dispute(resident);
        for (int i = 0; i < 2; i++) {
            web.post().uri("/api/v1/requests/" + id + "/deliberation/escalation").headers(h -> h.setBearerAuth(staff.token()))
                    .exchange().expectStatus().isOk();
        }

        MovableClockConfiguration.CLOCK.advance(Duration.ofDays(16));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(request(resident, id).get("status")).isEqualTo("ESCALATED"));
        session(staff, id, "SETTLED").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("not-in-deliberation");
    }

    @Test
    void anOrdinaryRequestIsNotOnTheLadder() {
        Person resident = People.resident("G01");
        Map<String, Object> answer = web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categoryCode", "sewing-mending", "description", "補衣服")).exchange()
                .expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        String id = (String) ((Map<?, ?>) answer.get("request")).get("id");

        web.get().uri("/api/v1/requests/" + id + "/deliberation").headers(h -> h.setBearerAuth(resident.token())).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("not-a-dispute");
        session(staff, id, "SETTLED").expectStatus().isEqualTo(409);
    }

    private String dispute(Person resident) {
        Map<String, Object> answer = web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categoryCode", "neighbour-dispute", "description", "樓上漏水到我家 water from upstairs",
                        "attributes", Map.of("other-party", "3-502")))
                .exchange().expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        return (String) ((Map<?, ?>) answer.get("request")).get("id");
    }

    private WebTestClient.ResponseSpec session(Person person, String id, String outcome) {
        return web.post().uri("/api/v1/requests/" + id + "/deliberation/sessions").headers(h -> h.setBearerAuth(person.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("heldOn", "2026-11-27", "parties", List.of("3-402", "3-502"), "outcome", outcome,
                        "notes", "議事記錄"))
                .exchange();
    }

    private Map<String, Object> standing(Person person, String id) {
        return web.get().uri("/api/v1/requests/" + id + "/deliberation").headers(h -> h.setBearerAuth(person.token()))
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    private Map<String, Object> request(Person person, String id) {
        return web.get().uri("/api/v1/requests/" + id).headers(h -> h.setBearerAuth(person.token()))
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }
}
