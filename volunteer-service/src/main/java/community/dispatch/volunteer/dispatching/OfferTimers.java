package community.dispatch.volunteer.dispatching;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.kit.timers.DatabaseTimer;
import community.dispatch.kit.timers.WakeUps;

/**
 * Deferred first offers are made when due (below). Offers nobody answered in time expire and the request goes to the next volunteer — decided by the
 * service's clock and claimed from the database, so a restart or a second instance neither loses nor
 * repeats one; the timer sleeps until the next expiry, so each is moved on within moments.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DispatchTiming.class)
class OfferTimers {

    @Bean
    DatabaseTimer offerTimer(OrderStore orders, Offering offering, TransactionalOperator transactions,
            WakeUps wakeUps, Clock clock, DispatchTiming timing) {
        return new DatabaseTimer("Offer timers", timing.timerInterval(), 100, (now, limit) ->
                transactions.transactional(orders.claimExpired(now, limit)
                        .concatMap(offer -> offering.record(offer.expire(now))
                                .then(offering.offerNext(offer.requestId()))
                                .thenReturn(1L))
                        .reduce(0L, Long::sum)),
                orders::nextExpiryAfter, wakeUps, clock);
    }

    /** Requests wanted later get their first offer when it is due (their window's start less the lead time). */
    @Bean
    DatabaseTimer deferredDispatchTimer(DispatchStore dispatches, Offering offering, TransactionalOperator transactions,
            WakeUps wakeUps, Clock clock, DispatchTiming timing) {
        return new DatabaseTimer("Deferred dispatch", timing.timerInterval(), 100, (now, limit) ->
                transactions.transactional(dispatches.claimDeferred(now, limit)
                        .concatMap(request -> offering.offerNext(request).thenReturn(1L))
                        .reduce(0L, Long::sum)),
                dispatches::nextDeferredAfter, wakeUps, clock);
    }
}
