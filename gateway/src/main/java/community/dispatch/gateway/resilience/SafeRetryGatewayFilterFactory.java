package community.dispatch.gateway.resilience;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code SafeRetry}: Spring Cloud Gateway's {@code Retry}, applied only where a second attempt cannot
 * do a thing twice: reads ({@code GET}, {@code HEAD}) and {@code POST}s that carry an
 * {@code Idempotency-Key} (the service answers a repeat with the first answer), sign-in and token calls
 * excepted. Every other call goes
 * through once. Takes the same arguments as {@code Retry}; its {@code methods} are decided here.
 */
@Component
public class SafeRetryGatewayFilterFactory extends RetryGatewayFilterFactory {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Set on a call this filter may repeat, for the filters after it. */
    private static final String REPEATABLE = SafeRetryGatewayFilterFactory.class.getName() + ".repeatable";

    @Override
    public GatewayFilter apply(RetryConfig config) {
        config.setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST);
        GatewayFilter retrying = super.apply(config);
        return (exchange, chain) -> {
            ServerHttpRequest request = exchange.getRequest();
            if (!isSafeToRepeat(request)) {
                return chain.filter(exchange);
            }
            exchange.getAttributes().put(REPEATABLE, Boolean.TRUE);
            // Only a POST that may be repeated keeps its body to send again; reads have none.
            return HttpMethod.POST.equals(request.getMethod())
                    ? ServerWebExchangeUtils.cacheRequestBody(exchange,
                            cached -> retrying.filter(exchange.mutate().request(cached).build(), chain))
                    : retrying.filter(exchange, chain);
        };
    }

    /**
     * {@code Retry} would have every body of the route buffered (every call, whether it may be repeated or not):
     * bodies are kept here instead, only for the calls that are.
     */
    @Override
    protected void enableBodyCaching(String routeId) {
    }

    @Override
    public String name() {
        return "SafeRetry";
    }

    /** Whether this call is one the route's {@code SafeRetry} repeats when an attempt fails. */
    public static boolean isRepeatable(ServerWebExchange exchange) {
        return Boolean.TRUE.equals(exchange.getAttribute(REPEATABLE));
    }

    static boolean isSafeToRepeat(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            return true;
        }
        String key = request.getHeaders().getFirst(IDEMPOTENCY_KEY);
        String path = request.getPath().value();
        // The services ignore the key on sign-in and tokens (a failed attempt must always count), so those never repeat.
        boolean signIn = path.startsWith("/api/v1/auth/") || path.startsWith("/oauth2/");
        return HttpMethod.POST.equals(method) && key != null && !key.isBlank() && !signIn;
    }
}
