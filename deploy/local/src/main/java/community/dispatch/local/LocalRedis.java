package community.dispatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;

import redis.embedded.RedisServer;

/**
 * Redis for cluster mode, where the gateways keep their rate-limit buckets so that a limit holds
 * across them: the Redis server binary bundled in embedded-redis, run as a child of the launcher.
 * Nothing in it outlives a bucket's period, so it keeps no data between runs.
 */
final class LocalRedis implements AutoCloseable {

    private final RedisServer server;

    private LocalRedis(RedisServer server) {
        this.server = server;
    }

    static LocalRedis start(int port) {
        try {
            RedisServer server = new RedisServer(port);
            server.start();
            return new LocalRedis(server);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Redis did not start on port " + port, e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        }
        catch (IOException e) {
            Console.say("Redis did not stop cleanly: %s", e.getMessage());
        }
    }
}
