package community.dispatch.volunteer.dispatching;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When dispatch acts ({@code dispatch.dispatching.*}).
 *
 * @param timerInterval the longest the offer timers sleep, however far the next expiry or deferred offer is
 * @param windowLead how long before a request's preferred window its first offer goes out, for a request wanted later
 */
@ConfigurationProperties("dispatch.dispatching")
record DispatchTiming(@DefaultValue("30s") Duration timerInterval, @DefaultValue("2h") Duration windowLead) {
}
