package community.dispatch.web.client;

import java.net.InetSocketAddress;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Where a call to a service comes from: the address the gateway sealed ({@link EdgeSeal}) when the seal
 * holds, else the connection's peer. Nothing else a caller sends ({@code X-Forwarded-For},
 * {@code Forwarded}) is believed: the gateway is the one parser of client addresses.
 */
public final class ClientAddresses {

    private final EdgeSeal seal;

    /** {@code seal} null: no gateway is trusted, every call is its peer's. */
    public ClientAddresses(EdgeSeal seal) {
        this.seal = seal;
    }

    public String of(ServerHttpRequest request) {
        String told = request.getHeaders().getFirst(EdgeSeal.ADDRESS_HEADER);
        if (seal != null && seal.sealed(told, request.getHeaders().getFirst(EdgeSeal.SEAL_HEADER))) {
            return told;
        }
        InetSocketAddress peer = request.getRemoteAddress();
        return peer == null || peer.getAddress() == null ? ClientAddress.UNKNOWN : ClientAddress.normalise(peer.getAddress());
    }

    /** Whether the gateway's addresses are believed here (a secret is configured). */
    public boolean trustsTheGateway() {
        return seal != null;
    }
}
