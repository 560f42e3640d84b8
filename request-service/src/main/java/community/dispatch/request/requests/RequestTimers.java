package community.dispatch.request.requests;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.kit.timers.DatabaseTimer;
import community.dispatch.kit.timers.WakeUps;
import community.dispatch.request.requests.domain.ServiceRequest;
import reactor.core.publisher.Mono;

/**
 * Fires due timers — SLA deadlines (escalate), evaluation windows (close) — by the service's clock and from the
 * database, so they survive restarts and fire once with several instances, within moments of their due time (the
 * timer sleeps until the next one). The deliberation ladder's rungs have their own timer, in the disputes feature.
 */
@Configuration(proxyBeanMethods = false)
class RequestTimers {

    @Bean
    DatabaseTimer requestTimer(RequestStore store, RequestChanges changes,
            TransactionalOperator transactions, RequestProperties properties, WakeUps wakeUps, Clock clock) {
        return new DatabaseTimer("Request timers", properties.timerInterval(), 100, (now, limit) ->
                transactions.transactional(store.claimDue(now, limit)
                    .concatMap(id -> store.lock(id).flatMap(stored -> {
                        ServiceRequest.Changed changed = stored.request().timerFired(now, properties.evaluationWindow());
                        return changed.changed() ? changes.persist(stored, changed).thenReturn(1L) : Mono.just(0L);
                    }))
                    .reduce(0L, Long::sum)), store::nextDueAfter, wakeUps, clock);
    }
}
