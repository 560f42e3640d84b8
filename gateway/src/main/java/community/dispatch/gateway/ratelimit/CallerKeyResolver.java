package community.dispatch.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * Whom a rate limit counts: the signed-in principal when there is one, otherwise the client's
 * address. The address is the connection's peer unless that peer is a trusted proxy, in which case it
 * is the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy; a client can
 * therefore not escape its limit by sending its own {@code X-Forwarded-For}.
 */
@RequiredArgsConstructor
public class CallerKeyResolver implements KeyResolver {

    private final TrustedProxies trustedProxies;

    @Override
    public Mono<String> resolve(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .map(principal -> "principal:" + principal.getName())
                .switchIfEmpty(Mono.fromSupplier(() -> "address:" + clientAddress(exchange)));
    }

    String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
        String address = peer == null || peer.getAddress() == null ? "unknown" : peer.getAddress().getHostAddress();
        if (!trustedProxies.isTrusted(address)) {
            return address;
        }
        List<String> forwarded = exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For");
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String hop = forwarded.get(i).trim();
            if (!hop.isEmpty() && !trustedProxies.isTrusted(hop)) {
                return hop;
            }
        }
        return address;
    }
}
