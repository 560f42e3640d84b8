package community.dispatch.web.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressesTest {

    private final EdgeSeal seal = new EdgeSeal("a-secret-of-sixteen-or-more");
    private final ClientAddresses addresses = new ClientAddresses(seal);

    @Test
    void theAddressTheGatewaySealedIsTheClients() {
        assertThat(addresses.of(fromGateway("203.0.113.7", seal.seal("203.0.113.7")))).isEqualTo("203.0.113.7");
    }

    @Test
    void anUnsealedOrForgedAddressAndEveryForwardedHeaderCountAsThePeer() {
        assertThat(addresses.of(fromGateway("203.0.113.7", null))).isEqualTo("192.0.2.44");
        assertThat(addresses.of(fromGateway("203.0.113.7", seal.seal("203.0.113.8")))).isEqualTo("192.0.2.44");
        assertThat(addresses.of(fromGateway("203.0.113.7", new EdgeSeal("another-secret-of-sixteen").seal("203.0.113.7"))))
                .isEqualTo("192.0.2.44");
        assertThat(addresses.of(MockServerHttpRequest.post("/api/v1/auth/login").header("X-Forwarded-For", "203.0.113.7")
                .header("Forwarded", "for=203.0.113.7").remoteAddress(new InetSocketAddress("192.0.2.44", 4000)).build()))
                .isEqualTo("192.0.2.44");
    }

    @Test
    void withoutASecretNoGatewayIsBelieved() {
        assertThat(new ClientAddresses(null).of(fromGateway("203.0.113.7", seal.seal("203.0.113.7")))).isEqualTo("192.0.2.44");
        assertThatThrownBy(() -> new EdgeSeal("short")).hasMessageContaining("DISPATCH_EDGE_SECRET");
    }

    @Test
    void anIpv6AddressCountsAsItsSlash64AndNamesAreNoAddresses() {
        assertThat(ClientAddress.normalise("2001:db8:1:2::a")).isEqualTo(ClientAddress.normalise("2001:db8:1:2:ffff:1:2:3"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.normalise("2001:db8:1:3::a")).isNotEqualTo(ClientAddress.normalise("2001:db8:1:2::a"));
        assertThat(ClientAddress.normalise("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.normalise("attacker.example")).isEqualTo(ClientAddress.UNKNOWN);
        assertThat(ClientAddress.normalise("")).isEqualTo(ClientAddress.UNKNOWN);
    }

    private static MockServerHttpRequest fromGateway(String address, String sealed) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/api/v1/auth/login")
                .remoteAddress(new InetSocketAddress("192.0.2.44", 4000)).header(EdgeSeal.ADDRESS_HEADER, address);
        if (sealed != null) {
            request.header(EdgeSeal.SEAL_HEADER, sealed);
        }
        return request.build();
    }
}
