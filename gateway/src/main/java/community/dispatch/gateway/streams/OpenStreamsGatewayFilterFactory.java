package community.dispatch.gateway.streams;

import java.security.Principal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import community.dispatch.web.limits.StreamQuota;
import community.dispatch.web.problem.Problems;
import reactor.core.publisher.Mono;

/**
 * {@code OpenStreams}: a caller (the token's subject) holds at most {@code dispatch.gateway.streams.per-caller}
 * live streams open through this gateway, and the gateway at most {@code per-instance} in all; beyond them a
 * stream is refused at once (429 {@code too-many-streams}, Retry-After) before any service holds it open. A
 * stream counts until it ends, however it ends.
 */
@Component
class OpenStreamsGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private static final String RETRY_AFTER_SECONDS = "5";

    private final StreamQuota quota;

    OpenStreamsGatewayFilterFactory(@Value("${dispatch.gateway.streams.per-caller:3}") int perCaller,
            @Value("${dispatch.gateway.streams.per-instance:5000}") int perInstance) {
        super(Object.class);
        this.quota = new StreamQuota(perCaller, perInstance);
    }

    /** Around the filter that writes the service's answer to the client: a stream is open until that write ends. */
    @Override
    public GatewayFilter apply(Object config) {
        GatewayFilter filter = (exchange, chain) -> exchange.getPrincipal().map(Principal::getName).defaultIfEmpty("anonymous")
                .flatMap(caller -> quota.open(caller)
                        ? chain.filter(exchange).doFinally(signal -> quota.close(caller))
                        : Mono.error(tooMany()));
        return new OrderedGatewayFilter(filter, NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 2);
    }

    private ErrorResponseException tooMany() {
        ErrorResponseException refused = Problems.error(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "You have "
                + quota.perCaller() + " live streams open already (or the gateway is full); close one, or try again shortly.");
        refused.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return refused;
    }
}
