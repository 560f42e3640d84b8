package community.dispatch.gateway.edge;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

import community.dispatch.web.client.EdgeSeal;
import reactor.core.publisher.Mono;

/**
 * Tells the service where each call comes from: the address {@link ClientAddressOf} found, sealed with the
 * edge secret ({@link EdgeSeal}), in headers of the gateway's own — whatever a client sent in them is
 * replaced. The services believe these headers only when the seal holds.
 */
class ClientAddressRelay implements GlobalFilter, Ordered {

    private final ClientAddressOf clientAddress;

    private final EdgeSeal seal;

    ClientAddressRelay(ClientAddressOf clientAddress, EdgeSeal seal) {
        this.clientAddress = clientAddress;
        this.seal = seal;
    }

    /** Before the call is routed; the order among the route's own filters does not matter. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String address = clientAddress.apply(exchange);
        return chain.filter(exchange.mutate().request(request -> request.headers(headers -> {
            headers.set(EdgeSeal.ADDRESS_HEADER, address);
            headers.set(EdgeSeal.SEAL_HEADER, seal.seal(address));
        })).build());
    }
}
