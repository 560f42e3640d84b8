package community.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.gateway.ratelimit.BucketRateLimiter;
import community.dispatch.gateway.ratelimit.RateLimitStore;
import redis.embedded.RedisServer;

/**
 * Cluster mode: with Redis configured, every gateway instance counts against the same buckets, so a
 * caller cannot multiply its budget by the number of instances. Runs a real Redis server; the other
 * instance is a second limiter with its own connection to it (a second gateway application in this
 * JVM would, when closed, take the shared Reactor Netty resources of the others with it).
 */
// Sign-in's 10 refill over an hour, not the default minute: a token back every 6 s let an eleventh guess through
// when the twelve guesses, each waiting out the dead Redis, took longer than that on a busy machine.
@TestPropertySource(properties = { "DISPATCH_RATE_LIMIT=3", "DISPATCH_RATE_PERIOD=1h", "DISPATCH_SIGN_IN_RATE_PERIOD=1h" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisRateLimitIT extends GatewayTest {

    static final int REDIS_PORT = freePort();

    static final RedisServer REDIS = startRedis();

    @Autowired
    WebTestClient web;

    @Autowired
    ConfigurationService configurationService;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("DISPATCH_REDIS_URI", RedisRateLimitIT::redisUri);
    }

    @Test
    @Order(1)
    void gatewayInstancesShareOneBudgetPerCaller() throws Exception {
        String subject = "resident-on-two-phones";
        String token = bearer(subject, "RESIDENT");
        try (RateLimitStore otherInstancesStore = RateLimitStore.redis(redisUri())) {
            BucketRateLimiter otherInstance = new BucketRateLimiter(otherInstancesStore.buckets(),
                    RateLimitStore.inProcess(100).buckets(), configurationService);
            otherInstance.getConfig().put("request-service", new BucketRateLimiter.Config().setCapacity(3).setPeriod(Duration.ofHours(1)));

            web.get().uri("/api/v1/requests").header(HttpHeaders.AUTHORIZATION, token).exchange().expectStatus().isOk();
            web.get().uri("/api/v1/requests").header(HttpHeaders.AUTHORIZATION, token).exchange().expectStatus().isOk();
            RateLimiter.Response third = otherInstance.isAllowed("request-service", "principal:" + subject).block();
            assertThat(third.isAllowed()).isTrue();
            assertThat(third.getHeaders()).containsEntry("X-RateLimit-Remaining", "0");
            web.get().uri("/api/v1/requests").header(HttpHeaders.AUTHORIZATION, token).exchange()
                    .expectStatus().isEqualTo(429).expectHeader().exists(HttpHeaders.RETRY_AFTER);
            assertThat(otherInstance.isAllowed("request-service", "principal:" + subject).block().isAllowed()).isFalse();
        }
    }

    /**
     * While Redis is down the API's calls are let through rather than failed — but sign-in is never unlimited:
     * password guessing is counted in this gateway's own buckets meanwhile.
     */
    @Test
    @Order(2)
    void whileRedisIsDownCallsAreLetThroughButSignInStaysLimited() throws IOException {
        REDIS.stop();
        try {
            String token = bearer("resident-while-redis-is-down", "RESIDENT");
            for (int call = 0; call < 5; call++) {
                web.get().uri("/api/v1/requests").header(HttpHeaders.AUTHORIZATION, token).exchange()
                        .expectStatus().isOk()
                        .expectHeader().doesNotExist("X-RateLimit-Remaining");
            }
            List<Integer> signIns = new ArrayList<>();
            for (int call = 0; call < 12; call++) {
                signIns.add(web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"username\":\"admin\",\"password\":\"guess-" + call + "\"}")
                        .exchange().returnResult(String.class).getStatus().value());
            }
            assertThat(signIns).as("the sign-in limit (10 an hour here) holds").contains(429)
                    .filteredOn(status -> status == 200).hasSizeLessThanOrEqualTo(10);
        }
        finally {
            REDIS.start();
        }
    }

    private static String redisUri() {
        return "redis://localhost:" + REDIS_PORT;
    }

    private static RedisServer startRedis() {
        try {
            RedisServer server = new RedisServer(REDIS_PORT);
            server.start();
            // Stopped when the JVM ends, after the gateways that use it; not before, or they log reconnect attempts.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stop();
                }
                catch (IOException e) {
                    // the process is gone already
                }
            }));
            return server;
        }
        catch (IOException e) {
            throw new IllegalStateException("Redis did not start", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
