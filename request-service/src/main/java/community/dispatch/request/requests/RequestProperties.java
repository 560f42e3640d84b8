package community.dispatch.request.requests;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The request desk's rules ({@code dispatch.requests.*}).
 *
 * @param evaluationWindow how long a resolved request waits for the requester's rating before it closes
 * @param timerInterval the longest the timers (SLA deadlines, evaluation windows) sleep when nothing falls due sooner
 * @param maxReopenings how often low ratings may send a request round again; the next one escalates it to staff
 */
@ConfigurationProperties("dispatch.requests")
public record RequestProperties(
        @DefaultValue("7d") Duration evaluationWindow,
        @DefaultValue("30s") Duration timerInterval,
        @DefaultValue("2") int maxReopenings) {
}
