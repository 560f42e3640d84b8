package community.dispatch.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;

class CallerKeyResolverTest {

    final CallerKeyResolver resolver = new CallerKeyResolver(TrustedProxies.from("10\\.0\\.0\\.\\d+"));

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
        assertThat(resolver.resolve(from("198.51.100.4", "203.0.113.9")).block()).isEqualTo("address:198.51.100.4");
    }

    @Test
    void behindATrustedProxyTheLastAddressThatIsNotAProxyCounts() {
        assertThat(resolver.resolve(from("10.0.0.5", "203.0.113.9, 198.51.100.77, 10.0.0.7")).block())
                .as("the client may prepend anything; only what our proxies appended counts")
                .isEqualTo("address:198.51.100.77");
        assertThat(resolver.resolve(from("10.0.0.5", null)).block()).isEqualTo("address:10.0.0.5");
    }

    private static MockServerWebExchange from(String peer, String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/v1/auth/login")
                .remoteAddress(new InetSocketAddress(peer, 50000));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return MockServerWebExchange.from(request);
    }
}
