package community.dispatch.member;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * request- and volunteer-service as a person's export meets them through the gateway: each answers its part for a
 * member id, and notes the token it was asked with. Started once per JVM, on a free port, before member-service's
 * context reads {@code dispatch.export.gateway-uri} (the system property {@code dispatch.test.other-services}).
 * Only for member-service's own tests: the real parts are checked in their services and end to end by
 * {@code deploy/local/backup-test.sh}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class OtherServices {

    /** The bearer token each part was last asked with, by path. */
    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    /** Members whose volunteer-service part fails, as when it is down. */
    static final Set<String> DOWN_FOR = ConcurrentHashMap.newKeySet();

    static {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/v1/requests/export", exchange -> answer(exchange, id -> """
                    {"memberId": "%s", "requests": [{"request": {"details": {"description": "request-service's part"}}, "timeline": []}]}"""
                    .formatted(id)));
            server.createContext("/api/v1/volunteers/", exchange -> answer(exchange, id -> DOWN_FOR.contains(id) ? null : """
                    {"memberId": "%s", "orders": [], "note": "volunteer-service's part"}""".formatted(id)));
            server.start();
            System.setProperty("dispatch.test.other-services", "http://127.0.0.1:" + server.getAddress().getPort());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called before any bean is made, so the server runs (and its address is set) before member-service reads it. */
    @Bean
    static BeanFactoryPostProcessor otherServicesStarted() {
        return factory -> { };
    }

    private static void answer(HttpExchange exchange, Function<String, String> part) throws IOException {
        String path = exchange.getRequestURI().toString();
        TOKENS.put(path, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String id = path.replaceAll(".*([0-9a-f-]{36}).*", "$1");
        String body = part.apply(id);
        byte[] bytes = (body == null ? "{\"title\":\"down\"}" : body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(body == null ? 503 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
