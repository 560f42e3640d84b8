package community.dispatch.gateway.ratelimit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import community.dispatch.gateway.edge.ClientAddressOf;

/**
 * The {@code RequestRateLimiter}'s limiter and key resolver. Buckets live in Redis when
 * {@code dispatch.gateway.rate-limit.redis-uri} is set (cluster mode: every gateway instance counts
 * against the same buckets), otherwise in this process.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    BucketRateLimiter bucketRateLimiter(RateLimitStore store, ConfigurationService configurationService,
            @Value("${dispatch.gateway.rate-limit.max-callers:100000}") long maxCallers) {
        return new BucketRateLimiter(store.buckets(), RateLimitStore.inProcess(maxCallers).buckets(), configurationService);
    }

    @Bean
    CallerKeyResolver callerKeyResolver(ClientAddressOf clientAddress) {
        return new CallerKeyResolver(clientAddress);
    }

    @Bean
    @ConditionalOnExpression("'${dispatch.gateway.rate-limit.redis-uri:}' != ''")
    RateLimitStore redisRateLimitStore(@Value("${dispatch.gateway.rate-limit.redis-uri}") String redisUri) {
        return RateLimitStore.redis(redisUri);
    }

    @Bean
    @ConditionalOnExpression("'${dispatch.gateway.rate-limit.redis-uri:}' == ''")
    RateLimitStore inProcessRateLimitStore(@Value("${dispatch.gateway.rate-limit.max-callers:100000}") long maxCallers) {
        return RateLimitStore.inProcess(maxCallers);
    }
}
