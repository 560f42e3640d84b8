package community.dispatch.web.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class KeySetFetchLimitTest {

    private static final ClientRequest KEY_SET = ClientRequest.create(HttpMethod.GET, URI.create("http://issuer/oauth2/jwks")).build();

    private final AtomicInteger fetches = new AtomicInteger();

    private Instant now = Instant.parse("2026-12-06T08:00:00Z");

    private final KeySetFetchLimit limit = new KeySetFetchLimit(Duration.ofSeconds(30), new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    @Test
    void aKeySetFetchedLessThanAnIntervalAgoAnswersEveryCallForIt() {
        ExchangeFunction issuer = answering(HttpStatus.OK, "{\"keys\":[]}");

        for (int call = 0; call < 20; call++) {
            assertThat(bodyOf(limit.filter(KEY_SET, issuer))).isEqualTo("{\"keys\":[]}");
            now = now.plusSeconds(1);
        }
        assertThat(fetches).hasValue(1);

        now = now.plusSeconds(11);
        assertThat(bodyOf(limit.filter(KEY_SET, issuer))).isEqualTo("{\"keys\":[]}");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void callsThatWantTheKeySetAtTheSameMomentShareOneFetch() {
        Sinks.One<ClientResponse> answer = Sinks.one();
        ExchangeFunction slowIssuer = request -> {
            fetches.incrementAndGet();
            return answer.asMono();
        };
        Mono<ClientResponse> first = limit.filter(KEY_SET, slowIssuer).cache();
        Mono<ClientResponse> second = limit.filter(KEY_SET, slowIssuer).cache();
        first.subscribe();
        second.subscribe();

        answer.tryEmitValue(ClientResponse.create(HttpStatus.OK).body("{\"keys\":[]}").build());

        assertThat(bodyOf(first)).isEqualTo(bodyOf(second)).isEqualTo("{\"keys\":[]}");
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aFailedFetchIsHeldForASecondOnlySoAnIssuerThatComesUpIsAskedAgainAtOnce() {
        assertThat(statusOf(limit.filter(KEY_SET, answering(HttpStatus.SERVICE_UNAVAILABLE, "")))).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        now = now.plusMillis(500);
        assertThat(statusOf(limit.filter(KEY_SET, answering(HttpStatus.OK, "{\"keys\":[]}")))).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(fetches).hasValue(1);

        now = now.plusMillis(600);
        assertThat(bodyOf(limit.filter(KEY_SET, answering(HttpStatus.OK, "{\"keys\":[]}")))).isEqualTo("{\"keys\":[]}");
        assertThat(fetches).hasValue(2);

        ExchangeFunction unreachable = request -> {
            fetches.incrementAndGet();
            return Mono.error(new IllegalStateException("connection refused"));
        };
        now = now.plusSeconds(31);
        assertThat(limit.filter(KEY_SET, unreachable).onErrorReturn(ClientResponse.create(HttpStatus.BAD_GATEWAY).build())
                .block().statusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        now = now.plusMillis(1001);
        assertThat(bodyOf(limit.filter(KEY_SET, answering(HttpStatus.OK, "{\"keys\":[1]}")))).isEqualTo("{\"keys\":[1]}");
        assertThat(fetches).hasValue(4);
    }

    private ExchangeFunction answering(HttpStatus status, String body) {
        return request -> {
            fetches.incrementAndGet();
            return Mono.just(ClientResponse.create(status).body(body).build());
        };
    }

    private static String bodyOf(Mono<ClientResponse> response) {
        return response.flatMap(answer -> answer.bodyToMono(String.class)).block();
    }

    private static HttpStatus statusOf(Mono<ClientResponse> response) {
        return HttpStatus.valueOf(response.block().statusCode().value());
    }
}
