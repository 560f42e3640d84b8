package community.dispatch.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.sun.net.httpserver.HttpServer;

import community.dispatch.testing.TestTokensConfiguration;

/**
 * With an OTLP endpoint in the environment, the spans of a call leave the process: a stand-in collector
 * receives the trace the caller started. (Without one nothing is sent: no exporter is made.)
 */
@KitIntegrationTest
class TraceExportIT {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final List<byte[]> RECEIVED = new CopyOnWriteArrayList<>();
    private static final HttpServer COLLECTOR = collector();

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void exportToTheCollector(DynamicPropertyRegistry properties) {
        properties.add("management.opentelemetry.tracing.export.otlp.endpoint",
                () -> "http://localhost:" + COLLECTOR.getAddress().getPort() + "/v1/traces");
        properties.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
    }

    @AfterAll
    static void stopCollector() {
        COLLECTOR.stop(0);
    }

    @Test
    void aSampledCallsSpansReachTheCollectorInTheCallersTrace() {
        web.get().uri("/things/known").headers(h -> h.setBearerAuth(TestTokensConfiguration.TOKENS.token("resident-1",
                        "RESIDENT")))
                .header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                .exchange()
                .expectStatus().isOk();

        byte[] traceId = HexFormat.of().parseHex(TRACE_ID);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(RECEIVED)
                .as("OTLP export requests (protobuf) carrying the trace id")
                .anySatisfy(body -> assertThat(indexOf(body, traceId)).isNotNegative()));
    }

    private static HttpServer collector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                RECEIVED.add(exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
