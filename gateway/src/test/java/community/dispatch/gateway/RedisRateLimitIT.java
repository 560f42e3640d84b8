package community.dispatch.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.TestTokens;
import redis.embedded.RedisServer;

/**
 * Cluster mode: with Redis configured, every gateway instance counts against the same buckets, so a
 * caller cannot multiply its budget by the number of instances. Runs a real Redis server.
 */
@TestPropertySource(properties = { "DISPATCH_RATE_LIMIT=3", "DISPATCH_RATE_PERIOD=1h" })
class RedisRateLimitIT extends GatewayTest {

    static final int REDIS_PORT = freePort();

    static final RedisServer REDIS = startRedis();

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("DISPATCH_REDIS_URI", RedisRateLimitIT::redisUri);
    }

    @AfterAll
    static void stopRedis() throws IOException {
        REDIS.stop();
    }

    @Test
    void twoGatewayInstancesShareOneBudgetPerCaller() {
        try (ConfigurableApplicationContext second = secondGateway()) {
            WebTestClient other = WebTestClient.bindToServer()
                    .baseUrl("http://localhost:" + second.getEnvironment().getProperty("local.server.port")).build();
            String token = bearer("resident-on-two-phones", "RESIDENT");
            Supplier<WebTestClient.ResponseSpec> viaFirst = () -> web.get().uri("/api/v1/requests")
                    .header(HttpHeaders.AUTHORIZATION, token).exchange();
            Supplier<WebTestClient.ResponseSpec> viaSecond = () -> other.get().uri("/api/v1/requests")
                    .header(HttpHeaders.AUTHORIZATION, token).exchange();

            viaFirst.get().expectStatus().isOk();
            viaFirst.get().expectStatus().isOk();
            viaSecond.get().expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", "0");
            viaSecond.get().expectStatus().isEqualTo(429).expectHeader().exists(HttpHeaders.RETRY_AFTER);
            viaFirst.get().expectStatus().isEqualTo(429);
        }
    }

    private static ConfigurableApplicationContext secondGateway() {
        return new SpringApplicationBuilder(community.dispatch.gateway.GatewayApplication.class).run(
                "--server.port=0",
                "--DISPATCH_REQUEST_SERVICE_URI=" + REQUEST_SERVICE.uri(),
                "--DISPATCH_VOLUNTEER_SERVICE_URI=" + VOLUNTEER_SERVICE.uri(),
                "--DISPATCH_MEMBER_SERVICE_URI=" + MEMBER_SERVICE.uri(),
                "--DISPATCH_ISSUER_URI=" + TestTokens.ISSUER,
                "--DISPATCH_JWK_SET_URI=" + MEMBER_SERVICE.uri() + "/oauth2/jwks",
                "--DISPATCH_REDIS_URI=" + redisUri(),
                "--DISPATCH_RATE_LIMIT=3",
                "--DISPATCH_RATE_PERIOD=1h");
    }

    private static String redisUri() {
        return "redis://localhost:" + REDIS_PORT;
    }

    private static RedisServer startRedis() {
        try {
            RedisServer server = new RedisServer(REDIS_PORT);
            server.start();
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
