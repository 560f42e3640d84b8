package community.dispatch.gateway.ratelimit;

import java.time.Duration;

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
 * Where rate-limit buckets live, and how to let go of what holds them. Buckets of callers who went
 * quiet expire once they would be full again.
 */
public record RateLimitStore(AsyncProxyManager<String> buckets, AutoCloseable closer) implements AutoCloseable {

    /** A call waits at most this long for Redis before it is let through unlimited. */
    static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

    private static final ExpirationAfterWriteStrategy UNTIL_FULL_AGAIN =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10));

    /** Buckets in this process: each gateway instance counts on its own. */
    public static RateLimitStore inProcess(long maxCallers) {
        AsyncProxyManager<String> buckets = Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(maxCallers))
                .expirationAfterWrite(UNTIL_FULL_AGAIN)
                .build()
                .asAsync();
        return new RateLimitStore(buckets, () -> { });
    }

    /**
     * Buckets in Redis ({@code redis://host:6379}), shared by every gateway instance that uses the same
     * server. Starts without Redis and reconnects by itself.
     */
    public static RateLimitStore redis(String redisUri) {
        RedisClient client = RedisClient.create(redisUri);
        client.setDefaultTimeout(REDIS_TIMEOUT);
        StatefulRedisConnection<String, byte[]> connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        AsyncProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(UNTIL_FULL_AGAIN)
                .requestTimeout(REDIS_TIMEOUT)
                .build()
                .asAsync();
        return new RateLimitStore(buckets, () -> {
            connection.close();
            client.shutdown();
        });
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}
