package community.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Many callers at once cost a healthy service nothing but time: the gateway passes every call on,
 * and the limit it keeps on calls in flight per route (its bulkhead) is neither hit by a busy
 * community nor ever held against the service's health.
 */
class ConcurrencyIT extends GatewayTest {

    @LocalServerPort
    int port;

    @Test
    void twoHundredFiftySixResidentsCallingAtOnceAreAllServed() {
        REQUEST_SERVICE.resetBusiest();
        REQUEST_SERVICE.gatherBusy(100);

        List<Residents.Answer> answers;
        try {
            answers = Residents.callAtOnce(port, 256, 2, "/api/v1/requests/busy");
        }
        finally {
            REQUEST_SERVICE.gatherBusy(0);
        }

        assertThat(answers).hasSize(512);
        assertThat(Residents.countByStatus(answers)).containsOnlyKeys(200);
        assertThat(REQUEST_SERVICE.busiest())
                .as("calls the service held at once; more than the 25 a default bulkhead lets through")
                .isGreaterThan(64);
    }
}
