package community.dispatch.request.requests;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import community.dispatch.kit.timers.DatabaseTimer;

/**
 * Fires due timers — SLA deadlines (escalate), evaluation windows (close), dispute rungs (climb) —
 * from the database, so they survive restarts and fire once with several instances.
 */
@Configuration(proxyBeanMethods = false)
class RequestTimers {

    @Bean
    DatabaseTimer requestTimer(RequestDesk desk, RequestProperties properties) {
        return new DatabaseTimer("Request timers", properties.timerInterval(), 100, desk::fireDueTimers);
    }
}
