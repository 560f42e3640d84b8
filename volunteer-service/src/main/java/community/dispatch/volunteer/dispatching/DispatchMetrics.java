package community.dispatch.volunteer.dispatching;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

import community.dispatch.kit.metrics.Committed;
import community.dispatch.volunteer.dispatching.domain.OrderStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * The accept-orders side of the dispatch loop in numbers, each counted once its change has committed:
 * offers made, where offers and orders went (an offer ends accepted, declined, expired or withdrawn),
 * requests nobody could take.
 */
@Component
class DispatchMetrics {

    private final Counter offers;
    private final Map<OrderStatus, Counter> moves = new EnumMap<>(OrderStatus.class);
    private final Counter unassignable;

    /** Every series exists from the start, at zero, so that rates and alerts see it before the first event. */
    DispatchMetrics(MeterRegistry meters) {
        offers = Counter.builder("dispatch.offers.made").description("Offers made to volunteers").register(meters);
        for (OrderStatus to : OrderStatus.values()) {
            moves.put(to, Counter.builder("dispatch.orders.moved")
                    .description("Offers and orders moved on: an offer is accepted, declined, expired or withdrawn; "
                            + "an accepted order started, released or withdrawn; a started one completed")
                    .tag("to", to.name().toLowerCase(Locale.ROOT)).register(meters));
        }
        unassignable = Counter.builder("dispatch.requests.unassignable")
                .description("Requests for which no eligible volunteer was free or accepted").register(meters);
    }

    Mono<Void> offered() {
        return Committed.measure(offers::increment);
    }

    Mono<Void> moved(OrderStatus to) {
        return Committed.measure(moves.get(to)::increment);
    }

    Mono<Void> unassignable() {
        return Committed.measure(unassignable::increment);
    }
}
