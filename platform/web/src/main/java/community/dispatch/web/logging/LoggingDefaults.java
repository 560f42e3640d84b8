package community.dispatch.web.logging;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the call's correlation id into every log line's pattern (as {@code [id]}, empty outside a call)
 * unless the application chose its own {@code logging.pattern.correlation}.
 */
public class LoggingDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("dispatch-logging-defaults",
                Map.of("logging.pattern.correlation", "[%X{requestId:-}] ")));
    }
}
