package community.dispatch.request.requests;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The request desk's rules ({@code dispatch.requests.*}).
 *
 * @param evaluationWindow how long a resolved request waits for the requester's rating before it closes
 * @param timerInterval how often due timers (SLA deadlines, evaluation windows) are looked for
 */
@ConfigurationProperties("dispatch.requests")
public record RequestProperties(
        @DefaultValue("7d") Duration evaluationWindow,
        @DefaultValue("30s") Duration timerInterval) {
}
