package community.dispatch.request.disputes;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.kit.timers.DatabaseTimer;
import community.dispatch.kit.timers.WakeUps;
import community.dispatch.request.requests.RequestProperties;

/**
 * Climbs the disputes whose rung deadline passed, by the service's clock and from the database (as the request timers
 * do): once with several instances, within moments of the deadline.
 */
@Configuration(proxyBeanMethods = false)
class DisputeTimers {

    @Bean
    DatabaseTimer disputeTimer(DisputeLadder ladder, DeliberationStore deliberations, TransactionalOperator transactions,
            RequestProperties properties, WakeUps wakeUps, Clock clock) {
        return new DatabaseTimer("Dispute timers", properties.timerInterval(), 100,
                (now, limit) -> transactions.transactional(ladder.climbOverdue(now, limit)), deliberations::nextDueAfter,
                wakeUps, clock);
    }
}
