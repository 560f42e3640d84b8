package community.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * A gateway with room for only four calls in flight per route: calls over the limit are told to come
 * back in a second, and the refusals are the gateway's own business, never counted against the service.
 */
@TestPropertySource(properties = "DISPATCH_ROUTE_MAX_CONCURRENT_CALLS=4")
class BulkheadIT extends GatewayTest {

    @LocalServerPort
    int port;

    @Test
    void callsOverTheLimitAreToldToComeBackInASecondAndTheCircuitStaysClosed() {
        REQUEST_SERVICE.resetBusiest();

        List<Residents.Answer> answers = new ArrayList<>();
        for (int burst = 0; burst < 3; burst++) {
            answers.addAll(Residents.callAtOnce(port, 24, 1, "/api/v1/requests/busy"));
        }

        Map<Integer, Long> byStatus = Residents.countByStatus(answers);
        assertThat(byStatus.get(200)).isGreaterThanOrEqualTo(12);
        assertThat(byStatus.get(503)).isGreaterThanOrEqualTo(30);
        assertThat(REQUEST_SERVICE.busiest()).isLessThanOrEqualTo(4);
        assertThat(answers).filteredOn(answer -> answer.status() == 503).allSatisfy(refused -> {
            assertThat(refused.body()).contains("\"code\":\"service-busy\"");
            assertThat(refused.retryAfter()).isEqualTo("1");
        });
        // Sixty-odd refusals would open a circuit that counted them; this one lets the next call through.
        assertThat(Residents.callAtOnce(port, 1, 1, "/api/v1/requests/busy"))
                .extracting(Residents.Answer::status).containsExactly(200);
    }
}
