package community.dispatch.web.requestid;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.context.ContextRegistry;

import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Mono;

/**
 * Gives every call a correlation id and writes one access-log line for it.
 * <p>
 * The id is the caller's {@value #HEADER} when it is a plain token of at most 64 characters, a new
 * UUID otherwise. It travels on with the request (the gateway passes it to the services), goes back
 * to the caller on the response, and sits in the Reactor context under {@value #CONTEXT_KEY}, from
 * where {@link Logged} puts it into the logging MDC of the lines written while the call is handled.
 * <p>
 * The access line (logger {@value #ACCESS_LOGGER}, with the call's request id and trace id) holds method,
 * path without query string, status and duration: no client address, no token, no query parameters,
 * nothing about the person. The gateway writes it at INFO; the services at DEBUG
 * ({@code dispatch.access-log.level}), since every call they answer came through the gateway, which wrote
 * it already.
 */
public class RequestIdFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";

    public static final String CONTEXT_KEY = "requestId";

    public static final String ACCESS_LOGGER = "community.dispatch.access";

    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private static final Logger access = LoggerFactory.getLogger(ACCESS_LOGGER);

    private static final AtomicBoolean bridged = new AtomicBoolean();

    private final Level accessLevel;

    /** @param accessLevel the level of the access lines: INFO at the gateway, DEBUG in the services */
    public RequestIdFilter(Level accessLevel) {
        this.accessLevel = accessLevel;
    }

    /**
     * Lets {@link Logged} restore the {@value #CONTEXT_KEY} of a call into the logging MDC. Once per JVM;
     * later calls do nothing.
     */
    public static void bridgeToLoggingContext() {
        if (bridged.compareAndSet(false, true)) {
            ContextRegistry.getInstance().registerThreadLocalAccessor(CONTEXT_KEY,
                    () -> MDC.get(CONTEXT_KEY), id -> MDC.put(CONTEXT_KEY, id), () -> MDC.remove(CONTEXT_KEY));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = acceptableOrNew(exchange.getRequest().getHeaders().getFirst(HEADER));
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> headers.set(HEADER, id)).build();
        ServerWebExchange tagged = exchange.mutate().request(request).build();
        tagged.getResponse().beforeCommit(() -> {
            tagged.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        long started = System.nanoTime();
        return Mono.deferContextual(context -> chain.filter(tagged)
                        .doFinally(signal -> Logged.in(context, () -> logAccess(tagged, started))))
                .contextWrite(context -> context.put(CONTEXT_KEY, id));
    }

    static String acceptableOrNew(String candidate) {
        return candidate != null && ACCEPTABLE.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }

    private void logAccess(ServerWebExchange exchange, long started) {
        if (!access.isEnabledForLevel(accessLevel)) {
            return;
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        access.atLevel(accessLevel).log("{} {} {} {}ms", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(), status == null ? "-" : status.value(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
