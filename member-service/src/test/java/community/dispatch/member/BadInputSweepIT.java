package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.testing.BadInputSweep;

/**
 * Every operation of member-service, fed every kind of bad input as anonymous, a resident and an admin:
 * never a 5xx, every refusal problem+json. A context of its own: the admin's calls change what they reach.
 */
@MemberServiceTest
@TestPropertySource(properties = "dispatch.test.context=sweep")
class BadInputSweepIT extends MemberServiceTestSupport {

    @Autowired
    DatabaseClient database;

    @Test
    void noInputMakesTheServiceFailOrAnswerWithoutAProblem() {
        String grid = TestCommunity.newGridCode("S");
        TestCommunity.grid(database, grid);
        UUID worker = accounts.register("網格員", Accounts.newPhone(), "GRID_WORKER");
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("resident", (String) accounts.signedInMember("居民", Accounts.newPhone(), "RESIDENT").get("access_token"));
        callers.put("admin", accounts.admin());

        BadInputSweep.Report report = new BadInputSweep()
                .plausible("id", worker.toString())
                .plausible("memberId", worker.toString())
                .plausible("code", grid)
                .plausible("post", "GRID")
                .plausible("username", "staff.someone")
                .run(web, callers);

        System.out.printf("member-service bad-input sweep: %d operations, %d calls%n", report.operations(), report.calls());
        assertThat(report.findings()).as("calls answered with a 5xx or without a problem").isEmpty();
    }
}
