package community.dispatch.kit.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.MultiValueMap;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import community.dispatch.errors.DomainException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} for every POST of a service, in one place. The first call with a key runs in
 * one database transaction together with the row that claims the key and the answer it gave; a retry
 * with the same key (a mobile network's, or the gateway's) gets that answer again — status, body,
 * {@code Location}, {@code ETag}, and {@code Idempotent-Replayed: true} — and changes nothing. A retry
 * that arrives while the first call still runs waits for it. Keys are per caller (the authenticated
 * principal); the same key with another method, path or body is refused (409 {@code idempotency-key-reused}).
 * A call that fails with a server error is not remembered, so it may be retried. The answer is sent once
 * the transaction has committed: nothing is acknowledged that could still be rolled back.
 * <p>
 * Nothing is kept for a caller who is not authenticated: a key from an anonymous call is ignored, so a
 * stranger cannot fill the table. The body is read once, bounded ({@code maxBodyBytes}); a form is
 * fingerprinted from its parsed fields, so the handler reads it as usual. An answer marked
 * {@code Cache-Control: no-store} holds a secret shown once (a new api_key): its body is not kept, and a
 * repeat is told so (409 {@code secret-shown-once}, with the first answer's {@code Location}).
 */
public class IdempotencyFilter implements WebFilter, Ordered {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 200;
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final IdempotencyStore store;
    private final TransactionalOperator transactions;
    private final List<String> excludedPaths;
    private final int maxBodyBytes;

    public IdempotencyFilter(IdempotencyStore store, TransactionalOperator transactions, List<String> excludedPaths,
            int maxBodyBytes) {
        this.store = store;
        this.transactions = transactions;
        this.excludedPaths = List.copyOf(excludedPaths);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** After security (the caller is known), before the handler. */
    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String key = request.getHeaders().getFirst(HEADER);
        String path = request.getPath().pathWithinApplication().value();
        if (key == null || request.getMethod() != HttpMethod.POST
                || excludedPaths.stream().anyMatch(pattern -> PATHS.match(pattern, path))) {
            return chain.filter(exchange);
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return Mono.error(DomainException.invalidField(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters"));
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(authentication -> Optional.of(authentication.getName()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> caller.isEmpty() ? chain.filter(exchange) : keyed(exchange, chain, caller.get(), key));
    }

    private Mono<Void> keyed(ServerWebExchange exchange, WebFilterChain chain, String caller, String key) {
        ServerHttpRequest request = exchange.getRequest();
        if (isForm(request)) {
            return exchange.getFormData().flatMap(form -> once(exchange, chain, caller, key, fingerprint(request, formBytes(form))));
        }
        return DataBufferUtils.join(request.getBody(), maxBodyBytes).map(IdempotencyFilter::bytes).defaultIfEmpty(new byte[0])
                .flatMap(body -> once(exchange.mutate().request(replaying(request, body)).build(), chain, caller, key,
                        fingerprint(request, body)));
    }

    private Mono<Void> once(ServerWebExchange exchange, WebFilterChain chain, String caller, String key, String fingerprint) {
        Capture capture = new Capture(exchange.getResponse());
        Mono<IdempotencyStore.Answer> firstOrReplay = store.claim(caller, key, fingerprint)
                .flatMap(claimed -> claimed
                        ? chain.filter(exchange.mutate().response(capture).build())
                                .then(Mono.defer(() -> remember(caller, key, fingerprint, capture)))
                        : store.find(caller, key).flatMap(first -> !first.fingerprint().equals(fingerprint)
                                ? Mono.error(DomainException.conflict("idempotency-key-reused",
                                        "This Idempotency-Key was used for another call; use a new key for a new call."))
                                : first.body() == null && first.status() < 300
                                ? Mono.error(secretShownOnce(first))
                                : Mono.just(first).doOnNext(replayed -> exchange.getResponse().getHeaders().set(REPLAYED, "true"))));
        return transactions.transactional(firstOrReplay).flatMap(answer -> send(exchange.getResponse(), answer));
    }

    private Mono<IdempotencyStore.Answer> remember(String caller, String key, String fingerprint, Capture capture) {
        HttpHeaders headers = capture.getHeaders();
        int status = capture.getStatusCode() == null ? HttpStatus.OK.value() : capture.getStatusCode().value();
        MediaType contentType = headers.getContentType();
        IdempotencyStore.Answer answer = new IdempotencyStore.Answer(fingerprint, status,
                contentType == null ? null : contentType.toString(), headers.getFirst(HttpHeaders.LOCATION),
                headers.getETag(), capture.body());
        // A server error is not an answer to keep: the call may be retried.
        if (status >= 500) {
            return Mono.just(answer);
        }
        // A secret is shown once: what is kept of its answer is where it went, never the secret itself.
        boolean secret = headers.getCacheControl() != null && headers.getCacheControl().contains("no-store");
        return store.remember(caller, key, secret ? answer.withoutBody() : answer).thenReturn(answer);
    }

    private static DomainException secretShownOnce(IdempotencyStore.Answer first) {
        return DomainException.conflict("secret-shown-once", "This call was made before; its answer held a secret that "
                + "is shown only once" + (first.location() == null ? "." : " (" + first.location() + ")."),
                first.location() == null ? Map.of() : Map.of("location", first.location()));
    }

    private static boolean isForm(ServerHttpRequest request) {
        MediaType type = request.getHeaders().getContentType();
        return type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type);
    }

    /** The form's fields in a fixed order, so the same form always has the same fingerprint. */
    private static byte[] formBytes(MultiValueMap<String, String> form) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(form).forEach((name, values) -> values.forEach(value -> canonical.append(name.length()).append(':')
                .append(name).append('=').append(value == null ? 0 : value.length()).append(':').append(value).append('\n')));
        return canonical.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Mono<Void> send(ServerHttpResponse response, IdempotencyStore.Answer answer) {
        response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
        HttpHeaders headers = response.getHeaders();
        if (answer.contentType() != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        if (answer.location() != null) {
            headers.set(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.etag() != null) {
            headers.set(HttpHeaders.ETAG, answer.etag());
        }
        if (answer.body() == null || answer.body().length == 0) {
            return response.setComplete();
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
    }

    private static String fingerprint(ServerHttpRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getURI().getRawPath() + "?"
                    + (request.getURI().getRawQuery() == null ? "" : request.getURI().getRawQuery()) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(body));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** The request with its body, read once for the fingerprint, there to be read again. */
    private static ServerHttpRequest replaying(ServerHttpRequest request, byte[] body) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
            }
        };
    }

    /** Holds the handler's answer back until the transaction has committed; {@link #send} then writes it. */
    private static final class Capture extends ServerHttpResponseDecorator {

        private final AtomicReference<byte[]> body = new AtomicReference<>(new byte[0]);

        Capture(ServerHttpResponse delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> written) {
            return DataBufferUtils.join(Flux.from(written)).map(IdempotencyFilter::bytes).doOnNext(body::set).then();
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> written) {
            return writeWith(Flux.from(written).flatMap(Flux::from));
        }

        @Override
        public Mono<Void> setComplete() {
            return Mono.empty();
        }

        byte[] body() {
            return body.get();
        }
    }
}
