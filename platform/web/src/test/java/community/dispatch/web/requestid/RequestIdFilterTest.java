package community.dispatch.web.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class RequestIdFilterTest {

    static final Logger handlerLog = (Logger) LoggerFactory.getLogger("test.handler");

    static final Logger accessLog = (Logger) LoggerFactory.getLogger(RequestIdFilter.ACCESS_LOGGER);

    final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    /** Logs a line on a worker thread, as handlers do, and answers with the request id the handler was given. */
    static WebTestClient serving(org.slf4j.event.Level accessLevel) {
        return WebTestClient.bindToRouterFunction(RouterFunctions.route()
                        .GET("/echo", request -> Mono.fromRunnable(() -> { })
                                .subscribeOn(Schedulers.boundedElastic())
                                .then(Logged.line(() -> handlerLog.info("handled")))
                                .then(ServerResponse.ok().bodyValue(request.headers().firstHeader(RequestIdFilter.HEADER))))
                        .build())
                .webFilter(new RequestIdFilter(accessLevel))
                .build();
    }

    final WebTestClient web = serving(org.slf4j.event.Level.INFO);

    @BeforeAll
    static void bridge() {
        RequestIdFilter.bridgeToLoggingContext();
    }

    @BeforeEach
    void listen() {
        lines.start();
        handlerLog.addAppender(lines);
        accessLog.addAppender(lines);
        accessLog.setLevel(Level.INFO);
    }

    @AfterEach
    void stopListening() {
        handlerLog.detachAppender(lines);
        accessLog.detachAppender(lines);
        accessLog.setLevel(null);
    }

    @Test
    void aGoodIdIsKeptPassedOnAndAnswered() {
        web.get().uri("/echo").header("X-Request-Id", "app-42.retry-1").exchange()
                .expectHeader().valueEquals("X-Request-Id", "app-42.retry-1")
                .expectBody(String.class).isEqualTo("app-42.retry-1");
    }

    @Test
    void aMissingOrUnusableIdIsReplacedByANewOneEverywhere() {
        for (String unusable : new String[] { "", "two words", "x".repeat(65), "<script>" }) {
            var result = web.get().uri("/echo").header("X-Request-Id", unusable).exchange()
                    .expectBody(String.class).returnResult();
            String id = result.getResponseHeaders().getFirst("X-Request-Id");
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(result.getResponseBody()).isEqualTo(id);
        }
    }

    @Test
    void theCallsLinesCarryItsIdOnAnyThreadAndTheThreadsKeepNoneAfterwards() {
        web.get().uri("/echo?who=someone").header("X-Request-Id", "done-1").exchange().expectStatus().isOk();

        awaitLines(2);
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("handled", "GET /echo 200 " + durationOf(lines.list.get(1)) + "ms");
        assertThat(lines.list).allSatisfy(line -> assertThat(line.getMDCPropertyMap()).containsEntry("requestId", "done-1"));
        assertThat(lines.list.get(1).getLevel()).isEqualTo(Level.INFO);
        assertThat(MDC.get(RequestIdFilter.CONTEXT_KEY)).isNull();
    }

    @Test
    void aServiceWritesNoAccessLineWhileItsLoggerIsAtInfo() {
        serving(org.slf4j.event.Level.DEBUG).get().uri("/echo").exchange().expectStatus().isOk();
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList().equals(List.of("handled")));
    }

    @Test
    void aServiceWritesItsAccessLineAtDebug() {
        accessLog.setLevel(Level.DEBUG);
        serving(org.slf4j.event.Level.DEBUG).get().uri("/echo").header("X-Request-Id", "svc-1").exchange().expectStatus().isOk();
        awaitLines(2);
        assertThat(lines.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.DEBUG);
        assertThat(lines.list.get(1).getMDCPropertyMap()).containsEntry("requestId", "svc-1");
    }

    private void awaitLines(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lines.list.size() >= count);
    }

    private static String durationOf(ILoggingEvent accessLine) {
        String message = accessLine.getFormattedMessage();
        return message.substring(message.lastIndexOf(' ') + 1, message.length() - 2);
    }
}
