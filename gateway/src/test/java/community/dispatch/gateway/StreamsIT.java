package community.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Live streams through the gateway (volunteers' orders, residents' requests): kept open past the API routes' time limit (5 s) without a retry or a
 * circuit breaker in the way, refused without a token, closed when the token expires, and a few per caller at most.
 */
class StreamsIT extends GatewayTest {

    private static final String ORDERS = "/api/v1/orders/stream";

    @LocalServerPort
    int port;

    @Test
    void aStreamOutlastsTheRoutesTimeLimitAndReachesTheClientAsItIsSent() {
        Map<String, String> streams = Map.of(ORDERS, "volunteer-service", "/api/v1/requests/stream", "request-service");
        Map<String, List<String>> received = new ConcurrentHashMap<>();
        Flux.fromIterable(streams.keySet()).flatMap(path -> lines(path, bearer("member-1", "VOLUNTEER", "RESIDENT"))
                        .take(Duration.ofSeconds(7)).collectList().doOnNext(lines -> received.put(path, lines)))
                .blockLast(Duration.ofSeconds(20));
        streams.forEach((path, service) -> assertThat(received.get(path))
                .as("%s: a comment every half second for seven seconds, none held back", path).hasSizeGreaterThan(10)
                .allMatch(line -> line.startsWith(": " + service + " ")));
    }

    @Test
    void aStreamNeedsAToken() {
        assertThat(lines(ORDERS, null).onErrorResume(WebClientResponseException.class,
                        refused -> Flux.just(refused.getStatusCode().value() + " " + refused.getHeaders().getContentType()))
                .collectList().block(Duration.ofSeconds(10)))
                .containsExactly(HttpStatus.UNAUTHORIZED.value() + " " + MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theGatewayClosesAStreamWhenItsTokenExpires() {
        String shortLived = "Bearer " + TOKENS.token("volunteer-2", Duration.ofSeconds(3), "VOLUNTEER");
        long started = System.nanoTime();
        List<String> lines = lines(ORDERS, shortLived).collectList().block(Duration.ofSeconds(20));
        Duration open = Duration.ofNanos(System.nanoTime() - started);
        assertThat(lines).isNotEmpty();
        assertThat(open).as("closed at the token's expiry, though the service goes on").isBetween(Duration.ofSeconds(1),
                Duration.ofSeconds(8));
    }

    @Test
    void aCallerHoldsAFewStreamsOpenAtMostAndAnotherOnceOneCloses() {
        String token = bearer("volunteer-streams", "VOLUNTEER");
        List<List<String>> received = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        List<Disposable> open = received.stream().map(lines -> lines(ORDERS, token).subscribe(lines::add)).toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().allMatch(lines -> !lines.isEmpty()));

        assertThat(refusal(ORDERS, token)).startsWith("429 ").contains("too-many-streams");
        assertThat(lines(ORDERS, bearer("someone-else", "VOLUNTEER")).take(1).collectList().block(Duration.ofSeconds(10)))
                .as("another caller is not held back").hasSize(1);

        open.get(0).dispose();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines(ORDERS, token).take(1).collectList()
                .onErrorResume(error -> Mono.just(List.<String>of())).block(Duration.ofSeconds(5))).hasSize(1));
        open.forEach(Disposable::dispose);
    }

    /** The status, and the body of a refusal, or "open" when the stream was let through. */
    private String refusal(String path, String authorization) {
        return lines(path, authorization).take(1).map(line -> "open")
                .onErrorResume(WebClientResponseException.class,
                        refused -> Flux.just(refused.getStatusCode().value() + " " + refused.getResponseBodyAsString()))
                .blockFirst(Duration.ofSeconds(10));
    }

    private Flux<String> lines(String path, String authorization) {
        return WebClient.create("http://localhost:" + port).get().uri(path)
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .map(event -> ": " + event.comment());
    }
}
