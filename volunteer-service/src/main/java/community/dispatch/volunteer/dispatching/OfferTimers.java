package community.dispatch.volunteer.dispatching;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.kit.timers.DatabaseTimer;
import reactor.core.publisher.Mono;

/**
 * Offers nobody answered in time expire and the request goes to the next volunteer — decided by the
 * service's clock and claimed from the database, so a restart or a second instance neither loses nor
 * repeats one.
 */
@Configuration(proxyBeanMethods = false)
class OfferTimers {

    @Bean
    DatabaseTimer offerTimer(OrderStore orders, Offering offering, TransactionalOperator transactions, Clock clock,
            @Value("${dispatch.dispatching.timer-interval:5s}") Duration interval) {
        return new DatabaseTimer("Offer timers", interval, 100, limit -> Mono.defer(() -> {
            Instant now = clock.instant();
            return transactions.transactional(orders.claimExpired(now, limit)
                    .concatMap(offer -> offering.record(offer.expire(now))
                            .then(offering.offerNext(offer.requestId()))
                            .thenReturn(1L))
                    .reduce(0L, Long::sum));
        }));
    }
}
