package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import community.dispatch.events.DomainEvent;
import community.dispatch.events.Topics;
import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.order.OrderStarted;
import community.dispatch.request.People.Person;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * Open311's reads are public and unauthenticated, next to a compound, a building and a time: they publish no
 * words written about people (a volunteer's check-out note, staff's reasons) unless a person wrote them for the
 * public, and a request's own description, place and photo only where staff flagged its category as public —
 * the place rounded to about 100 m.
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
class Open311PublicReadsIT extends ServiceTestSupport {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

    private final String city = "municipal-" + UUID.randomUUID().toString().substring(0, 12);
    private final Person admin = People.admin();
    private String apiKey;

    @BeforeEach
    void theCityHasAKey() {
        MunicipalSystems systems = new MunicipalSystems(web, kafka, codec, database);
        apiKey = systems.apiKey(systems.registered(city), admin.token());
    }

    @Test
    void aVolunteersNoteAboutAPersonIsNeverPublishedOnlyWhatTheyWroteForThePublic() {
        Person resident = People.resident("G01");
        String written = "Mrs Li, 82, alone in 301, key under the mat";
        UUID first = residentsRequest(resident);
        completed(first, written, null);
        UUID second = residentsRequest(resident);
        completed(second, written, "Tap repaired.");

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(read(first)).containsEntry("status", "closed")
                    .containsEntry("status_notes", "Done; waiting for the requester's rating.");
            assertThat(read(second)).containsEntry("status_notes", "Tap repaired.");
        });
        String since = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();
        String updates = web.get().uri("/open311/v2/servicerequestupdates.json?start_date=" + since).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(updates).contains("Tap repaired.").doesNotContain("Mrs Li", "key under the mat");
        assertThat(web.get().uri("/open311/v2/requests.xml?service_request_id=" + first + "," + second).exchange()
                .expectBody(String.class).returnResult().getResponseBody()).doesNotContain("Mrs Li");

        // The requester and staff still read the volunteer's note.
        web.get().uri("/api/v1/requests/" + first + "/timeline").headers(h -> h.setBearerAuth(resident.token())).exchange()
                .expectStatus().isOk().expectBody(String.class).value(timeline -> assertThat(timeline).contains(written));
    }

    @Test
    void aFiledRequestsDetailsArePublishedOnlyInACategoryStaffFlaggedAndThePlaceRoughly() {
        MultiValueMap<String, String> filing = new LinkedMultiValueMap<>();
        filing.add("api_key", apiKey);
        filing.add("service_code", "household-help");
        filing.add("attribute[kind]", "repair");
        filing.add("lat", "33.95713");
        filing.add("long", "116.79018");
        filing.add("description", "Mr Zhang's door at 2-301 will not lock");
        filing.add("media_url", "https://media.city.example/r/door.jpg");
        String id = (String) web.post().uri("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(filing)).exchange().expectStatus().isCreated()
                .expectBody(LIST).returnResult().getResponseBody().get(0).get("service_request_id");

        assertThat(read(UUID.fromString(id))).as("a household's need is nobody else's business")
                .doesNotContainKeys("description", "lat", "long", "media_url");

        web.put().uri("/api/v1/categories/household-help/publication").headers(h -> h.setBearerAuth(People.resident("G01").token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("publicDetails", true)).exchange()
                .expectStatus().isForbidden();
        web.put().uri("/api/v1/categories/household-help/publication").headers(h -> h.setBearerAuth(People.staff().token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("publicDetails", true)).exchange()
                .expectStatus().isOk();
        try {
            assertThat(read(UUID.fromString(id))).containsEntry("description", "Mr Zhang's door at 2-301 will not lock")
                    .containsEntry("lat", 33.957).containsEntry("long", 116.79)
                    .containsEntry("media_url", "https://media.city.example/r/door.jpg");
        }
        finally {
            web.put().uri("/api/v1/categories/household-help/publication").headers(h -> h.setBearerAuth(People.staff().token()))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("publicDetails", false)).exchange()
                    .expectStatus().isOk();
        }
        assertThat(database.sql("SELECT count(*) AS n FROM audit_entry WHERE action = 'category.publication'")
                .map(row -> row.get("n", Long.class)).one().block()).isGreaterThanOrEqualTo(2);
    }

    private UUID residentsRequest(Person resident) {
        Map<?, ?> submitted = web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categoryCode", "household-help", "description", "The tap leaks", "attributes", Map.of("kind", "repair")))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return UUID.fromString((String) ((Map<?, ?>) submitted.get("request")).get("id"));
    }

    private void completed(UUID request, String note, String publicNote) {
        UUID order = UUID.randomUUID();
        UUID volunteer = UUID.randomUUID();
        publish(new OrderOffered(order, request, volunteer, "red-steward", Instant.now().plusSeconds(3600)));
        publish(new OrderAccepted(order, request, volunteer));
        publish(new OrderStarted(order, request, volunteer, Instant.now()));
        publish(new OrderCompleted(order, request, volunteer, Instant.now(), note, publicNote));
    }

    private Map<String, Object> read(UUID id) {
        return web.get().uri("/open311/v2/requests/" + id + ".json").exchange().expectStatus().isOk()
                .expectBody(LIST).returnResult().getResponseBody().get(0);
    }

    private void publish(DomainEvent event) {
        kafka.send(Topics.ORDER_EVENTS, event.subject(), codec.toStructured(codec.wrap(event, URI.create("/volunteer-service")))).join();
    }
}
