package community.dispatch.gateway.ratelimit;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.web.server.ServerWebExchange;

import community.dispatch.gateway.edge.ClientAddressOf;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * Whom a rate limit counts: the signed-in principal when there is one, otherwise the client's address as
 * {@link ClientAddressOf} found it (behind trusted proxies only; an IPv6 address as its /64, as the
 * services count it) — a client can therefore not escape its limit by sending its own {@code X-Forwarded-For}
 * or by hopping between the addresses of its own /64.
 */
@RequiredArgsConstructor
public class CallerKeyResolver implements KeyResolver {

    private final ClientAddressOf clientAddress;

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .map(principal -> "principal:" + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> "address:" + clientAddress.apply(exchange)));
    }
}
