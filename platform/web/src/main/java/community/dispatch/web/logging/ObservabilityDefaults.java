package community.dispatch.web.logging;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * How every process of the project logs and traces unless its configuration says otherwise.
 * <ul>
 * <li>Log format, {@value #FORMAT} ({@code DISPATCH_LOG_FORMAT}): {@code json} writes one ECS JSON object
 * per line (with {@code requestId}, {@code traceId} and {@code spanId}), {@code text} the readable
 * pattern with the call's correlation id and trace id as {@code [request-id trace-id]}. Unset: text when
 * the process writes to a terminal, JSON otherwise (the log files of {@code ./run.sh}, containers).</li>
 * <li>Traces: W3C trace context only; a share {@code DISPATCH_TRACE_SAMPLING} (0.1) of new traces is
 * sampled, a caller's {@code traceparent} decides for the calls it makes. Spans leave the process only when an OTLP endpoint
 * is set ({@code MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT}); trace ids are in the logs
 * either way.</li>
 * <li>Metrics: every series carries {@code application}; HTTP server timings have buckets up to 5 s, for
 * latency objectives.</li>
 * </ul>
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor {

    static final String FORMAT = "dispatch.log.format";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put("logging.pattern.correlation", "[%X{requestId:-} %X{traceId:-}] ");
        defaults.put("management.tracing.sampling.probability", "${DISPATCH_TRACE_SAMPLING:0.1}");
        // What the traces need and no more (measured with bench/: together a fifth of a call's CPU): W3C trace
        // context only, no baggage, no observation of each Spring Security filter.
        defaults.put("management.tracing.propagation.type", "W3C");
        defaults.put("management.tracing.baggage.enabled", "false");
        defaults.put("management.observations.enable.spring.security", "false");
        defaults.put("management.metrics.tags.application", "${spring.application.name}");
        defaults.put("management.metrics.distribution.slo.http.server.requests", "100ms,250ms,500ms,1s,2s,5s");
        if (json(environment.getProperty(FORMAT), System.console() != null)) {
            defaults.put("logging.structured.format.console", "ecs");
        }
        environment.getPropertySources().addLast(new MapPropertySource("dispatch-observability-defaults", defaults));
    }

    static boolean json(String format, boolean terminal) {
        if (format == null || format.isBlank()) {
            return !terminal;
        }
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new IllegalStateException(
                    "DISPATCH_LOG_FORMAT (" + FORMAT + ") is '" + format + "'; it may be json or text");
        };
    }
}
