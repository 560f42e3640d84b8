package community.dispatch.web.server;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps Reactor Netty's HTTP server reading keep-alive connections.
 *
 * <p>Reactor Netty 1.3.x (Boot 4.0) can stop reading a keep-alive connection for good: when a client
 * sends its next request before the server's operations for the previous one have terminated — which
 * happens whenever the previous answer was written from another thread, e.g. the database driver's —
 * the request is buffered, and if the buffered request is then answered synchronously the queue drains
 * without re-arming the read. The connection's next request is never read and never answered
 * (reactor/reactor-netty issues 4188 and 4361). The gateway's pooled connections to the services and
 * every mobile client with keep-alive can meet it; our integration tests did, about one run in five.
 *
 * <p>{@code reactor.netty.http.server.lastFlushWhenNoRead=true} makes the server terminate the previous
 * operations before it looks at the next request, so the request is handled at once instead of
 * buffered. It is read once per JVM, when the first HTTP server starts, so it is set here, before
 * the application's server is created; an explicit setting wins. Drop this once Boot brings a Reactor
 * Netty with the fix.
 */
public class KeepAliveReadFix implements EnvironmentPostProcessor {

    public static final String PROPERTY = "reactor.netty.http.server.lastFlushWhenNoRead";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
