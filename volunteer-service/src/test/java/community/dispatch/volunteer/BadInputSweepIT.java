package community.dispatch.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.testing.BadInputSweep;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * Every operation of volunteer-service, fed every kind of bad input as anonymous, a volunteer and an
 * admin: never a 5xx, every refusal problem+json. A context of its own: the admin's calls change what they reach.
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
@TestPropertySource(properties = "dispatch.test.context=sweep")
class BadInputSweepIT extends DispatchingTestSupport {

    @Test
    void noInputMakesTheServiceFailOrAnswerWithoutAProblem() {
        UUID volunteer = volunteerIn("lebei", "00000000-0000-0000-0601");
        UUID order = awaitOffer(submit("childcare", "DISPATCH"), volunteer);
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("volunteer", token(volunteer));
        callers.put("admin", admin);

        BadInputSweep.Report report = new BadInputSweep()
                .plausible("id", order.toString())
                .plausible("memberId", volunteer.toString())
                .plausible("key", "lebei")
                .plausible("categoryCode", "childcare")
                .run(web, callers);

        System.out.printf("volunteer-service bad-input sweep: %d operations, %d calls%n", report.operations(), report.calls());
        assertThat(report.findings()).as("calls answered with a 5xx or without a problem").isEmpty();
    }
}
