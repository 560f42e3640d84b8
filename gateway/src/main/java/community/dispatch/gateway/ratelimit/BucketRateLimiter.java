package community.dispatch.gateway.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.ratelimit.AbstractRateLimiter;
import org.springframework.cloud.gateway.route.RouteDefinitionRouteLocator;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.http.HttpHeaders;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Mono;

/**
 * The gateway's {@code RequestRateLimiter} backend: one Bucket4j token bucket per route and caller,
 * held wherever the {@link AsyncProxyManager} keeps them (in this process, or in Redis so all gateway
 * instances share one count). A route configures its bucket in the filter's arguments:
 * {@code rate-limit.capacity} calls, refilled evenly over {@code rate-limit.period}.
 * <p>
 * Every answer carries {@code X-RateLimit-Remaining}; a refusal also carries {@code Retry-After}, the
 * whole seconds until the next call would be let through. When the buckets cannot be reached (Redis
 * down or slower than its timeout) a warning is logged and the API's calls are let through, without
 * {@code X-RateLimit-Remaining}: a sick rate limiter must not take the whole API down with it. A route marked
 * {@code rate-limit.strict} (sign-in: password guessing) is never unlimited: its calls are counted in this
 * instance's own buckets meanwhile.
 */
public class BucketRateLimiter extends AbstractRateLimiter<BucketRateLimiter.Config> {

    public static final String CONFIGURATION_PROPERTY_NAME = "rate-limit";

    public static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private static final Logger log = LoggerFactory.getLogger(BucketRateLimiter.class);

    private final AsyncProxyManager<String> buckets;

    /** This instance's own buckets, for strict routes while {@code buckets} cannot be reached (the same object without Redis). */
    private final AsyncProxyManager<String> local;

    public BucketRateLimiter(AsyncProxyManager<String> buckets, AsyncProxyManager<String> local,
            ConfigurationService configurationService) {
        super(Config.class, CONFIGURATION_PROPERTY_NAME, configurationService);
        this.buckets = buckets;
        this.local = local;
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String callerKey) {
        Config config = configOf(routeId);
        return consume(buckets, routeId, callerKey, config).onErrorResume(error -> {
            if (config.isStrict()) {
                return Logged.line(() -> log.warn("Rate-limit buckets unreachable; counting {} in this instance's own: {}",
                        routeId, error.toString())).then(consume(local, routeId, callerKey, config));
            }
            return Logged.line(() -> log.warn("Rate-limit buckets unreachable; letting the call through: {}", error.toString()))
                    .thenReturn(new Response(true, Map.of()));
        });
    }

    private static Mono<Response> consume(AsyncProxyManager<String> store, String routeId, String callerKey, Config config) {
        CompletableFuture<ConsumptionProbe> probe = store.builder()
                .build(routeId + '|' + callerKey, config::limits)
                .tryConsumeAndReturnRemaining(1);
        return Mono.fromFuture(probe).map(result -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(REMAINING_HEADER, Long.toString(result.getRemainingTokens()));
            if (!result.isConsumed()) {
                headers.put(HttpHeaders.RETRY_AFTER, Long.toString(wholeSecondsAtLeastOne(result.getNanosToWaitForRefill())));
            }
            return new Response(result.isConsumed(), headers);
        });
    }

    private Config configOf(String routeId) {
        Config config = getConfig().get(routeId);
        if (config == null) {
            config = getConfig().get(RouteDefinitionRouteLocator.DEFAULT_FILTERS);
        }
        if (config == null) {
            throw new IllegalStateException("Route " + routeId + " has a rate limiter but no rate-limit.capacity/period");
        }
        return config;
    }

    static long wholeSecondsAtLeastOne(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    /** One route's limit: {@code capacity} calls per {@code period}, per caller. */
    public static class Config {

        @Min(1)
        private long capacity;

        @NotNull
        private Duration period;

        /** Never unlimited: counted in this instance while the shared buckets cannot be reached. */
        private boolean strict;

        /** The bucket's configuration, built once per route rather than on every call. */
        private volatile CompletableFuture<BucketConfiguration> limits;

        CompletableFuture<BucketConfiguration> limits() {
            CompletableFuture<BucketConfiguration> built = limits;
            if (built == null) {
                built = CompletableFuture.completedFuture(BucketConfiguration.builder()
                        .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                        .build());
                limits = built;
            }
            return built;
        }

        public long getCapacity() {
            return capacity;
        }

        public Config setCapacity(long capacity) {
            this.capacity = capacity;
            this.limits = null;
            return this;
        }

        public Duration getPeriod() {
            return period;
        }

        public boolean isStrict() {
            return strict;
        }

        public Config setStrict(boolean strict) {
            this.strict = strict;
            return this;
        }

        public Config setPeriod(Duration period) {
            this.period = period;
            this.limits = null;
            return this;
        }
    }
}
