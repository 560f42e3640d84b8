package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.request.People.Person;
import community.dispatch.testing.BadInputSweep;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * Every operation of request-service, fed every kind of bad input as anonymous, a resident and an admin:
 * never a 5xx, every refusal problem+json. A context of its own: the admin's calls change what they reach.
 */
@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
@TestPropertySource(properties = { "dispatch.requests.timer-interval=500ms", "dispatch.test.context=sweep" })
class BadInputSweepIT extends ServiceTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    @Test
    void noInputMakesTheServiceFailOrAnswerWithoutAProblem() {
        Person resident = People.resident("G01");
        Map<String, Object> submitted = web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categoryCode", "household-help", "description", "水龍頭漏水 the kitchen tap leaks",
                        "attributes", Map.of("kind", "repair")))
                .exchange().expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("resident", resident.token());
        callers.put("admin", People.admin().token());

        BadInputSweep.Report report = new BadInputSweep()
                .plausible("id", (String) ((Map<?, ?>) submitted.get("request")).get("id"))
                .plausible("code", "household-help")
                .plausible("format", "json")
                .plausible("service_code", "free-clinic")
                .refusingAs("/open311/", MediaType.APPLICATION_JSON)
                .run(web, callers);

        System.out.printf("request-service bad-input sweep: %d operations, %d calls%n", report.operations(), report.calls());
        assertThat(report.findings()).as("calls answered with a 5xx or without a problem").isEmpty();
    }
}
