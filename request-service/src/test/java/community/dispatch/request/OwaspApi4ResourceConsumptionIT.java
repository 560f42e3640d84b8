package community.dispatch.request;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.request.People.Person;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * OWASP API4:2023, unrestricted resource consumption: every list has a page size limit, every text a
 * length, every collection a count, and a body too large to be a request is refused before it is
 * parsed — each with a 400 problem that names what was too much, never a 500.
 */
@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
@TestPropertySource(properties = "dispatch.requests.timer-interval=500ms")
class OwaspApi4ResourceConsumptionIT extends ServiceTestSupport {

    private final Person staff = People.staff();

    @Test
    void pagesAreBoundedAndOutOfBoundsParametersAreClearlyRefused() {
        refusal(web.get().uri("/api/v1/requests?size=200").headers(h -> h.setBearerAuth(staff.token())).exchange())
                .jsonPath("$.errors[0].field").isEqualTo("size");
        refusal(web.get().uri("/api/v1/requests?page=-1&size=5").headers(h -> h.setBearerAuth(staff.token())).exchange())
                .jsonPath("$.errors[0].field").isEqualTo("page");
        web.get().uri("/api/v1/requests?size=100").headers(h -> h.setBearerAuth(staff.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.size").isEqualTo(100);
    }

    @Test
    void textsAndCollectionsHaveLimits() {
        Person resident = People.resident("G01");
        refusal(submit(resident, Map.of("categoryCode", "household-help", "description", "x".repeat(4001))))
                .jsonPath("$.errors[0].field").isEqualTo("description");
        refusal(submit(resident, Map.of("categoryCode", "household-help", "description", "photos",
                "mediaUrls", Collections.nCopies(11, "https://media.community.example/r/7f3a.jpg"))))
                .jsonPath("$.errors[0].field").isEqualTo("mediaUrls");
        web.get().uri("/api/v1/requests?size=1").headers(h -> h.setBearerAuth(resident.token())).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void aBodyFarLargerThanAnyRequestIsRefusedWithoutBeingRead() {
        Person resident = People.resident("G01");
        web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categoryCode", "household-help", "description", "x".repeat(2_000_000),
                        "attributes", Map.of("notes", List.of("y".repeat(1000)))))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private WebTestClient.ResponseSpec submit(Person person, Map<String, Object> body) {
        return web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(person.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static WebTestClient.BodyContentSpec refusal(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("validation-failed");
    }
}
