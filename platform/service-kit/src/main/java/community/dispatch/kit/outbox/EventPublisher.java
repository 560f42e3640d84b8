package community.dispatch.kit.outbox;

import reactor.core.publisher.Mono;

/** Sends one claimed event to the broker; completes when the broker has acknowledged it. */
@FunctionalInterface
public interface EventPublisher {

    Mono<Void> publish(PendingEvent event);
}
