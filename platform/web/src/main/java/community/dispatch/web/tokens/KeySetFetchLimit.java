package community.dispatch.web.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import reactor.core.publisher.Mono;

/**
 * Fetches the issuer's key set at most once per interval, however many tokens name a key it does not
 * have. Spring Security's decoder keeps the set it fetched and fetches it again for every token whose
 * {@code kid} is not in it: a stream of tokens with made-up key ids would have every gateway and service
 * call member-service once per request. Behind this filter such a token is checked against the set
 * fetched less than an interval ago (and refused), and calls that want a fresh set at the same moment
 * share one fetch. A failed fetch is held for a second only, so a resource server that started before
 * the issuer learns its keys as soon as the issuer answers.
 *
 * <p>A new signing key is published well before it signs (member-service's {@code SigningKeys}), so a
 * legitimate new {@code kid} is in the set fetched after its publication, never held up by the interval.
 */
public final class KeySetFetchLimit implements ExchangeFilterFunction {

    /** How long a fetched key set answers every request for it. */
    public static final Duration INTERVAL = Duration.ofSeconds(30);

    private static final Duration FAILURE_HELD = Duration.ofSeconds(1);

    private final Duration interval;
    private final Clock clock;
    private final AtomicReference<Fetch> last = new AtomicReference<>();

    public KeySetFetchLimit() {
        this(INTERVAL, Clock.systemUTC());
    }

    KeySetFetchLimit(Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Fetch seen = last.get();
            if (seen != null && seen.answers(request, now)) {
                return seen.answer();
            }
            Fetch fresh = new Fetch(request.url().toString(), now.plus(interval), fetch(request, next));
            return last.compareAndSet(seen, fresh) ? fresh.answer() : last.get().answer();
        }).map(Fetched::response);
    }

    private Mono<Fetched> fetch(ClientRequest request, ExchangeFunction next) {
        AtomicReference<Mono<Fetched>> self = new AtomicReference<>();
        Mono<Fetched> answer = next.exchange(request)
                .flatMap(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> new Fetched(response.statusCode(), response.headers().asHttpHeaders(), body)))
                .doOnNext(fetched -> {
                    if (!fetched.status().is2xxSuccessful()) {
                        holdBriefly(self.get());
                    }
                })
                .doOnError(failure -> holdBriefly(self.get()))
                .cache();
        self.set(answer);
        return answer;
    }

    /** A failed fetch answers only the calls of the next second; then the issuer is asked again. */
    private void holdBriefly(Mono<Fetched> answer) {
        Fetch failed = last.get();
        if (failed != null && failed.answer() == answer) {
            last.compareAndSet(failed, new Fetch(failed.url(), clock.instant().plus(FAILURE_HELD), answer));
        }
    }

    private record Fetch(String url, Instant until, Mono<Fetched> answer) {

        boolean answers(ClientRequest request, Instant now) {
            return url.equals(request.url().toString()) && now.isBefore(until);
        }
    }

    private record Fetched(HttpStatusCode status, HttpHeaders headers, String body) {

        ClientResponse response() {
            return ClientResponse.create(status).headers(copy -> copy.addAll(headers)).body(body).build();
        }
    }
}
