package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.request.People.Person;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * OWASP API1:2023, broken object level authorization: a request id is not a key to it. A neighbour
 * who learns the id, or asks the list for the neighbour's grid, gets nothing and changes nothing; a
 * grid worker's scope is the grids staff gave them, whatever home their token names.
 */
@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
@TestPropertySource(properties = "dispatch.requests.timer-interval=500ms")
class OwaspApi1ObjectLevelAuthorizationIT extends ServiceTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    private final Person residentA = People.resident("G01");
    private final Person residentB = People.resident("G01");

    @Test
    void aNeighbourWhoKnowsTheIdCanNeitherReadNorChangeTheRequest() {
        String id = submit(residentA);

        for (String path : List.of("", "/timeline", "/deliberation")) {
            web.get().uri("/api/v1/requests/" + id + path).headers(h -> h.setBearerAuth(residentB.token())).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        for (Map.Entry<String, Map<String, Object>> change : Map.of("cancellation", Map.<String, Object>of("reason", "mine now"),
                "evaluation", Map.<String, Object>of("rating", 1)).entrySet()) {
            web.post().uri("/api/v1/requests/" + id + "/" + change.getKey()).headers(h -> h.setBearerAuth(residentB.token()))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(change.getValue()).exchange()
                    .expectStatus().isNotFound();
        }

        assertThat(read(residentA, id)).containsEntry("status", "SUBMITTED");
        web.get().uri("/api/v1/requests/" + id + "/timeline").headers(h -> h.setBearerAuth(residentA.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(1);
    }

    @Test
    void listFiltersAreNarrowedToWhatTheCallerMaySee() {
        String id = submit(residentA);

        assertThat(ids(residentB, "/api/v1/requests?grid=G01&size=100")).doesNotContain(id);
        assertThat(ids(residentB, "/api/v1/requests?category=household-help&size=100")).doesNotContain(id);
        assertThat(ids(residentA, "/api/v1/requests?grid=G01&size=100")).contains(id);
    }

    @Test
    void aGridWorkerLivingInTheGridButServingAnotherSeesNothingOfIt() {
        String id = submit(residentA);
        Person worker = People.gridWorker("G02", "G01");
        Person workerOfTheGrid = People.gridWorker("G01");

        web.get().uri("/api/v1/requests/" + id).headers(h -> h.setBearerAuth(worker.token())).exchange().expectStatus().isNotFound();
        assertThat(ids(worker, "/api/v1/requests?grid=G01&size=100")).doesNotContain(id);
        assertThat(ids(workerOfTheGrid, "/api/v1/requests?grid=G01&size=100")).contains(id);
    }

    private String submit(Person person) {
        Map<String, Object> answer = web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(person.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categoryCode", "household-help", "description", "水龍頭漏水 the kitchen tap leaks",
                        "attributes", Map.of("kind", "repair")))
                .exchange().expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        return (String) ((Map<?, ?>) answer.get("request")).get("id");
    }

    private Map<String, Object> read(Person person, String id) {
        return web.get().uri("/api/v1/requests/" + id).headers(h -> h.setBearerAuth(person.token())).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    private List<Object> ids(Person person, String uri) {
        Map<String, Object> page = web.get().uri(uri).headers(h -> h.setBearerAuth(person.token())).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        return ((List<?>) page.get("items")).stream().map(item -> ((Map<?, ?>) item).get("id")).map(Object.class::cast).toList();
    }
}
