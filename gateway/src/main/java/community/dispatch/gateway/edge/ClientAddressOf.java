package community.dispatch.gateway.edge;

import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.web.server.ServerWebExchange;

import community.dispatch.web.client.ClientAddress;

/**
 * The one parser of a client's address in the whole system: the connection's peer, unless that peer is
 * one of our trusted proxies ({@code DISPATCH_TRUSTED_PROXIES}), in which case the right-most
 * {@code X-Forwarded-For} entry that is not itself a trusted proxy — what a client prepends never counts.
 * {@code Forwarded} and anything else a client sends are ignored. Normalised as every limit counts
 * ({@link ClientAddress}: an IPv6 address as its /64). Read once per call.
 */
public final class ClientAddressOf {

    private static final String ATTRIBUTE = ClientAddressOf.class.getName();

    private final TrustedProxies trustedProxies;

    public ClientAddressOf(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public String apply(ServerWebExchange exchange) {
        String known = exchange.getAttribute(ATTRIBUTE);
        if (known == null) {
            known = ClientAddress.normalise(parse(exchange));
            exchange.getAttributes().put(ATTRIBUTE, known);
        }
        return known;
    }

    private String parse(ServerWebExchange exchange) {
        InetSocketAddress peer = exchange.getRequest().getRemoteAddress();
        String address = peer == null || peer.getAddress() == null ? ClientAddress.UNKNOWN : peer.getAddress().getHostAddress();
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
