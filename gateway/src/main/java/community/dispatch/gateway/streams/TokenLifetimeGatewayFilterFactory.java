package community.dispatch.gateway.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code TokenLifetime}: an answer on the route is passed on no longer than the caller's token lasts. For
 * live streams, which the gateway otherwise keeps open however long they run: when the token expires the
 * stream is closed, and the client reconnects with a fresh token (and its {@code Last-Event-ID}). It wraps
 * the filter that writes the service's answer to the client, so it runs just before it.
 */
@Component
class TokenLifetimeGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private final Clock clock = Clock.systemUTC();

    TokenLifetimeGatewayFilterFactory() {
        super(Object.class);
    }

    @Override
    public GatewayFilter apply(Object config) {
        GatewayFilter filter = (exchange, chain) -> exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> exchange.mutate().response(until(exchange.getResponse(),
                        ((JwtAuthenticationToken) principal).getToken().getExpiresAt())).build())
                .defaultIfEmpty(exchange)
                .flatMap(chain::filter);
        return new OrderedGatewayFilter(filter, NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1);
    }

    private ServerHttpResponse until(ServerHttpResponse response, Instant expiresAt) {
        if (expiresAt == null) {
            return response;
        }
        return new ServerHttpResponseDecorator(response) {
            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                return super.writeWith(Flux.from(body).take(left(expiresAt)));
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return super.writeAndFlushWith(Flux.from(body).take(left(expiresAt)));
            }
        };
    }

    private Duration left(Instant expiresAt) {
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
