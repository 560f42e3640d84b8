package community.dispatch.member.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressTest {

    @Test
    void theAddressTheGatewayAppendedLastCounts() {
        MockServerHttpRequest request = MockServerHttpRequest.post("/api/v1/auth/login")
                .remoteAddress(new InetSocketAddress("10.0.0.5", 40000))
                .header("X-Forwarded-For", "198.51.100.9, 203.0.113.7").build();

        assertThat(ClientAddress.of(request)).isEqualTo("203.0.113.7");
    }

    @Test
    void aCallerOutsideThePrivateNetworkCannotChooseTheirAddress() {
        MockServerHttpRequest request = MockServerHttpRequest.post("/api/v1/auth/login")
                .remoteAddress(new InetSocketAddress("198.51.100.77", 40000))
                .header("X-Forwarded-For", "203.0.113.7").build();

        assertThat(ClientAddress.of(request)).isEqualTo("198.51.100.77");
    }

    @Test
    void withoutTheHeaderThePeerCounts() {
        MockServerHttpRequest request = MockServerHttpRequest.post("/api/v1/auth/login")
                .remoteAddress(new InetSocketAddress("192.0.2.44", 40000)).build();

        assertThat(ClientAddress.of(request)).isEqualTo("192.0.2.44");
    }

    @Test
    void anIpv6AddressCountsAsItsSlash64() {
        assertThat(ClientAddress.normalise("2001:db8:1:2::a")).isEqualTo(ClientAddress.normalise("2001:db8:1:2:ffff:1:2:3"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.normalise("2001:db8:1:3::a")).isNotEqualTo(ClientAddress.normalise("2001:db8:1:2::a"));
    }

    @Test
    void anythingButAnAddressIsUnknownAndNeverLookedUp() {
        assertThat(ClientAddress.normalise("attacker.example")).isEqualTo("unknown");
        assertThat(ClientAddress.normalise("")).isEqualTo("unknown");
    }
}
