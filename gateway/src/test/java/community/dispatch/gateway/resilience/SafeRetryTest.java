package community.dispatch.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class SafeRetryTest {

    @ParameterizedTest(name = "{0} {1} key={2}: {3}")
    @CsvSource(textBlock = """
            GET, /api/v1/requests, , true
            HEAD, /api/v1/requests, , true
            POST, /api/v1/requests, , false
            POST, /api/v1/requests, k-1, true
            POST, /api/v1/orders/1/acceptance, k-2, true
            PUT, /api/v1/categories/x, k-3, false
            POST, /api/v1/auth/login, k-4, false
            POST, /api/v1/auth/refresh, k-5, false
            POST, /oauth2/token, k-6, false
            """)
    void onlyCallsThatCannotActTwiceAreRepeated(String method, String path, String key, boolean repeated) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.method(HttpMethod.valueOf(method), path);
        if (key != null) {
            request.header(SafeRetryGatewayFilterFactory.IDEMPOTENCY_KEY, key);
        }

        assertThat(SafeRetryGatewayFilterFactory.isSafeToRepeat(request.build())).isEqualTo(repeated);
    }
}
