package community.dispatch.web.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class RequestIdFilterTest {

    /** Answers with the request id its handler sees in the MDC after hopping to a worker thread. */
    final WebTestClient web = WebTestClient.bindToRouterFunction(RouterFunctions.route()
                    .GET("/echo", request -> Mono.fromCallable(() -> String.valueOf(MDC.get(RequestIdFilter.CONTEXT_KEY)))
                            .subscribeOn(Schedulers.boundedElastic())
                            .flatMap(id -> ServerResponse.ok().bodyValue(id + "|" + request.headers().firstHeader(RequestIdFilter.HEADER))))
                    .build())
            .webFilter(new RequestIdFilter())
            .build();

    @BeforeAll
    static void bridge() {
        RequestIdFilter.bridgeToLoggingContext();
    }

    @Test
    void aGoodIdIsKeptAndIsInTheLoggingContextOnAnyThreadAndOnTheResponse() {
        web.get().uri("/echo").header("X-Request-Id", "app-42.retry-1").exchange()
                .expectHeader().valueEquals("X-Request-Id", "app-42.retry-1")
                .expectBody(String.class).isEqualTo("app-42.retry-1|app-42.retry-1");
    }

    @Test
    void aMissingOrUnusableIdIsReplacedByANewOneEverywhere() {
        for (String unusable : new String[] { "", "two words", "x".repeat(65), "<script>" }) {
            var result = web.get().uri("/echo").header("X-Request-Id", unusable).exchange()
                    .expectBody(String.class).returnResult();
            String id = result.getResponseHeaders().getFirst("X-Request-Id");
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(result.getResponseBody()).isEqualTo(id + "|" + id);
        }
    }

    @Test
    void theIdDoesNotLeakIntoTheThreadAfterTheCall() {
        web.get().uri("/echo").header("X-Request-Id", "done-1").exchange().expectStatus().isOk();
        assertThat(MDC.get(RequestIdFilter.CONTEXT_KEY)).isNull();
    }
}
