package community.dispatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;

/**
 * Each process's own /actuator/prometheus (on its management port, never its serving one) shows the loop just run; the dashboard and the alert rules use
 * only metrics the processes export; the submission's trace is in the JSON log lines of the gateway,
 * request-service (the submission) and volunteer-service (the offer, made from the event).
 */
record LoopObserved(StackClient client, Map<String, String> ports, Path data, String traceId) {

    void check() throws Exception {
        Map<String, Telemetry> scraped = new HashMap<>();
        for (String process : List.of("GATEWAY", "REQUEST_SERVICE", "VOLUNTEER_SERVICE", "MEMBER_SERVICE")) {
            int port = Integer.parseInt(ports.get("DISPATCH_" + process + "_PORT"));
            scraped.put(process, Telemetry.scrape(client.http, StackSettings.managementPort(port)));
            assertThat(client.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as("no metrics on %s's serving port", process).isEqualTo(404);
        }
        Telemetry requests = scraped.get("REQUEST_SERVICE");
        Telemetry volunteers = scraped.get("VOLUNTEER_SERVICE");
        assertThat(requests.value("dispatch_requests_submitted_total", "category=\"household-help\"", "channel=\"app\""))
                .isEqualTo(1);
        assertThat(requests.value("dispatch_requests_first_offer_seconds_count")).isEqualTo(1);
        assertThat(requests.value("dispatch_requests_acceptance_seconds_count")).isEqualTo(1);
        assertThat(requests.value("dispatch_outbox_send_seconds_count", "topic=\"dispatch.request-events\""))
                .as("submitted, updated on the way, resolved").isGreaterThanOrEqualTo(3);
        assertThat(volunteers.value("dispatch_offers_made_total")).isGreaterThanOrEqualTo(1);
        for (String move : List.of("accepted", "started", "completed")) {
            assertThat(volunteers.value("dispatch_orders_moved_total", "to=\"" + move + "\"")).as(move).isEqualTo(1);
        }
        assertThat(volunteers.value("dispatch_event_consume_seconds_count",
                "consumer=\"volunteer-service.request-events\"")).isGreaterThanOrEqualTo(1);
        assertThat(scraped.get("GATEWAY").value("http_server_requests_seconds_count", "application=\"gateway\""))
                .isPositive();

        Set<String> exported = new HashSet<>();
        scraped.values().forEach(telemetry -> exported.addAll(telemetry.names()));
        for (String file : List.of("dispatch-dashboard.json", "alerts.yaml")) {
            assertThat(exported).as("metrics used in deploy/observability/%s", file)
                    .containsAll(Telemetry.usedIn(LaunchedStack.ROOT.resolve("deploy/observability/" + file)));
        }

        for (String process : List.of("gateway", "request-service", "volunteer-service")) {
            List<String> traced = Files.readAllLines(data.resolve("logs/" + process + ".log")).stream()
                    .filter(line -> line.contains(traceId)).toList();
            assertThat(traced).as("%s's log lines of the trace", process).isNotEmpty()
                    .allSatisfy(line -> assertThat(JsonPath.<String>read(line, "$.traceId")).isEqualTo(traceId));
        }
    }
}
