package community.dispatch.kit.idempotency;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dispatch.idempotency.*}.
 *
 * @param excludedPaths the paths (Ant patterns) whose POSTs ignore {@code Idempotency-Key} — sign-in and
 *        tokens, whose failures must count even when a call is retried
 * @param keepFor how long a first answer is replayed: a day, well beyond any client's retries (then purged with
 *        everything else that ages out, {@code kit.retention})
 */
@ConfigurationProperties("dispatch.idempotency")
public record IdempotencyProperties(@DefaultValue({ "/api/v1/auth/**", "/oauth2/**" }) List<String> excludedPaths,
        @DefaultValue("24h") Duration keepFor) {
}
