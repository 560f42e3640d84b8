package community.dispatch.web.limits;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import community.dispatch.web.problem.Problems;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The largest request body any process reads, counted as it streams in: a declared
 * {@code Content-Length} over the limit is refused before a byte is read, and a body without one
 * ({@code Transfer-Encoding: chunked}) is refused as soon as its bytes pass the limit, whoever reads it
 * (a codec, the idempotency filter, the gateway's proxying). Either way the answer is 413 problem+json
 * ({@code payload-too-large}) and nothing the body would have done happens.
 */
public class BodyLimit implements WebFilter, Ordered {

    private final long maxBytes;

    public BodyLimit(DataSize max) {
        this.maxBytes = max.toBytes();
    }

    /** Right after the correlation id: before security, before anything reads a body. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        long declared = headers.getContentLength();
        if (declared > maxBytes) {
            return Mono.error(tooLarge());
        }
        if (declared <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new Counted(request)).build());
    }

    /** The refusal, for any reader that finds a body too large by itself. */
    public ErrorResponseException tooLarge() {
        return new BodyTooLarge(maxBytes);
    }

    /** A body over the limit: a client's error, never the service's, so circuit breakers ignore it. */
    public static final class BodyTooLarge extends ErrorResponseException {

        BodyTooLarge(long maxBytes) {
            super(HttpStatus.PAYLOAD_TOO_LARGE, Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                    "The request body is larger than " + readable(maxBytes) + ", the most accepted."), null);
        }

        private static String readable(long bytes) {
            long megabyte = DataSize.ofMegabytes(1).toBytes();
            return bytes % megabyte == 0 ? bytes / megabyte + " MB"
                    : bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
        }
    }

    /** The request whose body fails once more than the limit has streamed in. */
    private final class Counted extends ServerHttpRequestDecorator {

        Counted(ServerHttpRequest delegate) {
            super(delegate);
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> {
                long[] seen = { 0 };
                return super.getBody().handle((buffer, sink) -> {
                    seen[0] += buffer.readableByteCount();
                    if (seen[0] > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(tooLarge());
                    }
                    else {
                        sink.next(buffer);
                    }
                });
            });
        }
    }
}
