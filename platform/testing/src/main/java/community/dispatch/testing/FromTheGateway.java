package community.dispatch.testing;

import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;

import community.dispatch.web.client.ClientAddress;
import community.dispatch.web.client.EdgeSeal;

/**
 * A call as the gateway passes it on: the client's address sealed with the edge secret the tests give every
 * service ({@link #SECRET}), so a service counts it as that client's. Without this a test's call is its peer's
 * (loopback), as any direct caller's is.
 */
public final class FromTheGateway {

    public static final String SECRET = "edge-secret-for-the-tests";

    private static final EdgeSeal SEAL = new EdgeSeal(SECRET);

    private FromTheGateway() {
    }

    /** The headers the gateway adds for a client at {@code address} (normalised as the gateway does: IPv6 as its /64). */
    public static Consumer<HttpHeaders> client(String address) {
        String normalised = ClientAddress.normalise(address);
        return headers -> {
            headers.set(EdgeSeal.ADDRESS_HEADER, normalised);
            headers.set(EdgeSeal.SEAL_HEADER, SEAL.seal(normalised));
        };
    }
}
