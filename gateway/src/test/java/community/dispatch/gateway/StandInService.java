package community.dispatch.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.List;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real HTTP server standing in for one service behind the gateway. It answers
 * {@code "<service> <METHOD> <uri>"}, records the headers of every call it receives, and behaves
 * badly on request: a path ending in {@code /slow} answers after three seconds, one ending in
 * {@code /busy} after half a second (counting how many such calls it holds at once; or, told to gather
 * them, once that many are held at once, at most three seconds), one ending in
 * {@code /flaky} answers 503 to the first attempt of each caller-chosen {@code X-Attempt-Key} (and to a later one
 * with the body it received), one ending in
 * {@code /stream} is an event stream that sends a comment every half second and never ends; told to cut calls off,
 * it closes the connection of every call without an answer, as a dying process does; told to stall, it holds every
 * call without an answer until told to stop stalling (then answers them), as a JVM just started may for seconds; told it is not ready, its
 * readiness check answers 503, as a starting process's does.
 * It answers the gateway's readiness checks apart, and can be stopped and started again on the same port.
 */
final class StandInService {

    private final String name;

    private final String jwkSet;

    private final List<HttpHeaders> received = new CopyOnWriteArrayList<>();

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> callsByPath = new ConcurrentHashMap<>();

    private final AtomicInteger busyNow = new AtomicInteger();

    private final AtomicInteger busiest = new AtomicInteger();

    /** The token response this service answers sign-ins and refreshes with, when it stands in for the issuer. */
    private volatile Supplier<String> issuer;

    /** How many {@code /busy} calls to hold until they are all in at once (0: each half a second). */
    private volatile int gather;

    private volatile Sinks.Empty<Void> gathered = Sinks.empty();

    private volatile DisposableServer server;

    /** Whether calls (not readiness checks) are cut off without an answer. */
    private volatile boolean cuttingOff;

    /** Whether calls (not readiness checks) are held without an answer. */
    private volatile boolean stalling;

    /** Completes when the calls held meanwhile may be answered. */
    private volatile Sinks.Empty<Void> released = Sinks.empty();

    /** Whether its readiness check passes. */
    private volatile boolean ready = true;

    private final int port;

    StandInService(String name, String jwkSet) {
        this.name = name;
        this.jwkSet = jwkSet;
        this.server = bind(0);
        this.port = server.port();
    }

    String uri() {
        return "http://localhost:" + port;
    }

    /** Calls that reached this service so far. */
    int calls() {
        return received.size();
    }

    /** The headers of the last call that reached this service. */
    HttpHeaders lastHeaders() {
        return received.get(received.size() - 1);
    }

    /** Calls that reached this path so far. */
    int callsTo(String path) {
        AtomicInteger count = callsByPath.get(path);
        return count == null ? 0 : count.get();
    }

    int attemptsFor(String attemptKey) {
        AtomicInteger count = attempts.get(attemptKey);
        return count == null ? 0 : count.get();
    }

    /** The most {@code /busy} calls this service held at once since {@link #resetBusiest()}. */
    int busiest() {
        return busiest.get();
    }

    void resetBusiest() {
        busiest.set(0);
    }

    /**
     * Holds each {@code /busy} call until {@code calls} of them are in at once (then all go) or three
     * seconds passed: how many a gateway lets through at once no longer depends on how fast a busy machine
     * sends them. 0: back to half a second each.
     */
    void gatherBusy(int calls) {
        gathered = Sinks.empty();
        gather = calls;
    }

    /** Answers {@code POST /api/v1/auth/login} and {@code /oauth2/token} with this token response (a body naming "wrong", or the refresh token "revoked", is refused). */
    void issue(Supplier<String> tokenResponse) {
        issuer = tokenResponse;
    }

    /** Its readiness check passes from now on, or answers 503 (as a service still starting does). */
    void ready(boolean passing) {
        ready = passing;
    }

    /** From now on every routed call's connection is closed without an answer (readiness checks still pass), or not. */
    void cutCallsOff(boolean cut) {
        cuttingOff = cut;
    }

    /** From now on every routed call is held without an answer, its connection open (readiness checks still pass), or not. */
    void stall(boolean held) {
        if (held) {
            released = Sinks.empty();
        }
        stalling = held;
        if (!held) {
            released.tryEmitEmpty();
        }
    }

    void stop() {
        server.disposeNow();
    }

    void start() {
        server = bind(port);
    }

    private DisposableServer bind(int onPort) {
        return HttpServer.create().host("localhost").port(onPort).handle(this::answer).bindNow();
    }

    private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
        String path = request.fullPath();
        if (path.equals("/readyz")) {
            // The gateway's load balancer asks this; it is not a call routed here.
            return response.status(ready ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE)
                    .header("Content-Type", "application/json")
                    .sendString(Mono.just(ready ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}")).then();
        }
        received.add(request.requestHeaders().copy());
        callsByPath.computeIfAbsent(path, any -> new AtomicInteger()).incrementAndGet();
        if (cuttingOff) {
            request.withConnection(connection -> connection.channel().close());
            return Mono.never();
        }
        Mono<Void> stalled = stalling ? released.asMono() : Mono.empty();
        return stalled.then(Mono.defer(() -> answerRouted(request, response, path)));
    }

    private Mono<Void> answerRouted(HttpServerRequest request, HttpServerResponse response, String path) {
        if (path.equals("/oauth2/jwks")) {
            return response.header("Content-Type", "application/json").sendString(Mono.just(jwkSet)).then();
        }
        if (issuer != null && (path.equals("/api/v1/auth/login") || path.equals("/oauth2/token"))) {
            return request.receive().aggregate().asString().defaultIfEmpty("").flatMap(sent -> {
                if (sent.contains("wrong") || sent.contains("refresh_token=revoked")) {
                    return response.status(path.equals("/oauth2/token") ? 400 : 401).header("Content-Type", "application/problem+json")
                            .sendString(Mono.just("{\"status\":401,\"code\":\"invalid-credentials\"}")).then();
                }
                return response.header("Content-Type", "application/json").sendString(Mono.just(issuer.get())).then();
            });
        }
        Mono<String> body = request.receive().aggregate().asString().defaultIfEmpty("")
                .map(ignored -> name + " " + request.method().name() + " " + request.uri());
        if (path.endsWith("/slow")) {
            return response.sendString(body.delayElement(Duration.ofSeconds(3))).then();
        }
        if (path.endsWith("/busy")) {
            return response.sendString(body
                    .doOnNext(text -> {
                        int now = busyNow.incrementAndGet();
                        busiest.accumulateAndGet(now, Math::max);
                        if (gather > 0 && now >= gather) {
                            gathered.tryEmitEmpty();
                        }
                    })
                    .delayUntil(text -> gather > 0
                            ? Mono.firstWithSignal(gathered.asMono(), Mono.delay(Duration.ofSeconds(3)).then())
                            : Mono.delay(Duration.ofMillis(500)))
                    .doOnNext(text -> busyNow.decrementAndGet())).then();
        }
        if (path.endsWith("/stream")) {
            return response.header("Content-Type", "text/event-stream")
                    .sendString(Flux.interval(Duration.ZERO, Duration.ofMillis(500)).map(beat -> ": " + name + " " + beat + "\n\n"))
                    .then();
        }
        if (path.endsWith("/flaky")) {
            String key = String.valueOf(request.requestHeaders().get("X-Attempt-Key"));
            int attempt = attempts.computeIfAbsent(key, any -> new AtomicInteger()).incrementAndGet();
            if (attempt == 1) {
                return response.status(HttpResponseStatus.SERVICE_UNAVAILABLE)
                        .sendString(body.map(text -> "unavailable: " + text)).then();
            }
            // A repeat says what body reached it, so a test sees the body was sent again whole.
            return response.sendString(request.receive().aggregate().asString().defaultIfEmpty("")
                    .map(sent -> name + " " + request.method().name() + " " + request.uri() + (sent.isEmpty() ? "" : " " + sent)))
                    .then();
        }
        return response.sendString(body).then();
    }
}
