package community.dispatch.gateway.ratelimit;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * Where rate-limit buckets live: in Redis when {@code dispatch.gateway.rate-limit.redis-uri} is set
 * (cluster mode: every gateway instance counts against the same buckets), otherwise in this process.
 * Buckets of callers who went quiet expire once they would be full again.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final ExpirationAfterWriteStrategy UNTIL_FULL_AGAIN =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10));

    @Bean
    BucketRateLimiter bucketRateLimiter(RateLimitStore store, ConfigurationService configurationService) {
        return new BucketRateLimiter(store.buckets(), configurationService);
    }

    @Bean
    CallerKeyResolver callerKeyResolver(@Value("${" + TrustedProxies.PROPERTY + ":^$}") String trustedProxies) {
        return new CallerKeyResolver(TrustedProxies.from(trustedProxies));
    }

    @Bean
    @ConditionalOnExpression("'${dispatch.gateway.rate-limit.redis-uri:}' != ''")
    RateLimitStore redisRateLimitStore(@Value("${dispatch.gateway.rate-limit.redis-uri}") String redisUri) {
        RedisClient client = RedisClient.create(redisUri);
        StatefulRedisConnection<String, byte[]> connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        AsyncProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(UNTIL_FULL_AGAIN)
                .build()
                .asAsync();
        return new RateLimitStore(buckets, () -> {
            connection.close();
            client.shutdown();
        });
    }

    @Bean
    @ConditionalOnExpression("'${dispatch.gateway.rate-limit.redis-uri:}' == ''")
    RateLimitStore inProcessRateLimitStore(@Value("${dispatch.gateway.rate-limit.max-callers:100000}") long maxCallers) {
        AsyncProxyManager<String> buckets = Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(maxCallers))
                .expirationAfterWrite(UNTIL_FULL_AGAIN)
                .build()
                .asAsync();
        return new RateLimitStore(buckets, () -> { });
    }

    /** The buckets and how to let go of what holds them. */
    record RateLimitStore(AsyncProxyManager<String> buckets, AutoCloseable closer) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            closer.close();
        }
    }
}
