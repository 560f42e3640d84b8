package community.dispatch.testing;

import java.io.ByteArrayOutputStream;
import java.time.Duration;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.publisher.Flux;

/**
 * A service's answer to one call, read whole; of an event stream (which stays open) only its opening
 * frame, then the stream is closed.
 */
record Answer(HttpStatusCode status, MediaType contentType, byte[] body) {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static Answer to(WebTestClient.RequestHeadersSpec<?> call) {
        FluxExchangeResult<byte[]> result = call.exchange().returnResult(byte[].class);
        MediaType type = result.getResponseHeaders().getContentType();
        Flux<byte[]> chunks = result.getResponseBody();
        if (type != null && MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)) {
            chunks = chunks.take(1);
        }
        byte[] body = chunks.reduce(new ByteArrayOutputStream(), (all, chunk) -> {
            all.writeBytes(chunk);
            return all;
        }).map(ByteArrayOutputStream::toByteArray).block(PATIENCE);
        return new Answer(result.getStatus(), type, body == null || body.length == 0 ? null : body);
    }
}
