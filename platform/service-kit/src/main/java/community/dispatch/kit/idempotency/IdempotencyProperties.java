package community.dispatch.kit.idempotency;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dispatch.idempotency.*}: the paths (Ant patterns) whose POSTs ignore {@code Idempotency-Key} —
 * sign-in and tokens, whose failures must count even when a call is retried.
 */
@ConfigurationProperties("dispatch.idempotency")
public record IdempotencyProperties(@DefaultValue({ "/api/v1/auth/**", "/oauth2/**" }) List<String> excludedPaths) {
}
