package community.dispatch.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;

import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** Residents calling the gateway all at once, each with their own token (and so their own rate-limit budget). */
final class Residents {

    private Residents() {
    }

    /** Each of {@code callers} residents (own token, own rate-limit budget) makes {@code callsEach} calls in a row, all callers at once. */
    static List<Answer> callAtOnce(int port, int callers, int callsEach, String path) {
        ConnectionProvider connections = ConnectionProvider.builder("residents")
                .maxConnections(callers).pendingAcquireMaxCount(-1).build();
        try {
            HttpClient client = HttpClient.create(connections).baseUrl("http://localhost:" + port)
                    .responseTimeout(Duration.ofSeconds(30));
            return Flux.range(0, callers)
                    .flatMap(caller -> {
                        String token = GatewayTest.bearer("resident-" + caller, "RESIDENT");
                        return Flux.range(0, callsEach).concatMap(call -> client
                                .headers(headers -> headers.set(HttpHeaders.AUTHORIZATION, token))
                                .get().uri(path)
                                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                                        .map(text -> new Answer(response.status().code(), text,
                                                response.responseHeaders().get(HttpHeaders.RETRY_AFTER)))));
                    }, callers)
                    .collectList()
                    .block(Duration.ofSeconds(90));
        }
        finally {
            connections.dispose();
        }
    }

    static Map<Integer, Long> countByStatus(List<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(Answer::status, Collectors.counting()));
    }

    record Answer(int status, String body, String retryAfter) {
    }
}
