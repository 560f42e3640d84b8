package community.dispatch.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;

import community.dispatch.gateway.edge.ClientAddressOf;

class CallerKeyResolverTest {

    final CallerKeyResolver resolver = new CallerKeyResolver(new ClientAddressOf(TrustedProxies.from("10\\.0\\.0\\.\\d+")));

    @Test
    void aSignedInCallerIsCountedByPrincipal() {
        MockServerWebExchange exchange = MockServerWebExchange.builder(MockServerHttpRequest.get("/api/v1/requests")
                        .remoteAddress(new InetSocketAddress("198.51.100.4", 50000)))
                .principal(new TestingAuthenticationToken("member-42", null))
                .build();
        assertThat(resolver.resolve(exchange).block()).isEqualTo("principal:member-42");
    }

    @Test
    void anAnonymousCallerIsCountedByThePeerAddressWhateverItClaims() {
        assertThat(resolver.resolve(from("198.51.100.4", "203.0.113.9", null)).block()).isEqualTo("address:198.51.100.4");
        assertThat(resolver.resolve(from("198.51.100.4", null, "for=203.0.113.9")).block())
                .as("Forwarded is nobody's word").isEqualTo("address:198.51.100.4");
    }

    @Test
    void behindATrustedProxyTheLastAddressThatIsNotAProxyCounts() {
        assertThat(resolver.resolve(from("10.0.0.5", "203.0.113.9, 198.51.100.77, 10.0.0.7", null)).block())
                .as("the client may prepend anything; only what our proxies appended counts")
                .isEqualTo("address:198.51.100.77");
        assertThat(resolver.resolve(from("10.0.0.5", null, null)).block()).isEqualTo("address:10.0.0.5");
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64AsTheServicesCountIt() {
        assertThat(resolver.resolve(from("2001:db8:1:2::a", null, null)).block())
                .isEqualTo(resolver.resolve(from("2001:db8:1:2:ffff:1:2:3", null, null)).block())
                .isEqualTo("address:2001:db8:1:2:0:0:0:0/64");
        assertThat(resolver.resolve(from("2001:db8:1:3::a", null, null)).block()).isEqualTo("address:2001:db8:1:3:0:0:0:0/64");
    }

    private static MockServerWebExchange from(String peer, String forwardedFor, String forwarded) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/v1/auth/login")
                .remoteAddress(new InetSocketAddress(peer, 50000));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (forwarded != null) {
            request.header("Forwarded", forwarded);
        }
        return MockServerWebExchange.from(request);
    }
}
