package community.dispatch.kit.outbox;

import java.net.URI;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.DomainEvent;
import community.dispatch.events.EventCatalog;
import community.dispatch.events.EventCodec;
import community.dispatch.events.EventType;
import community.dispatch.kit.tracing.EventTracing;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * Records events in the caller's database transaction, so that an event exists if and only if the
 * state change it describes was committed, in the trace of the work that recorded it. The
 * {@link OutboxRelay} publishes them afterwards.
 */
@RequiredArgsConstructor
public class Outbox {

    private final OutboxStore store;
    private final EventCodec codec;
    private final EventTracing tracing;
    private final URI source;

    /**
     * Records the event as part of the current transaction. Fails when there is none: an event
     * written outside the state change's transaction could outlive a rolled-back change.
     */
    public Mono<CloudEvent> record(DomainEvent event) {
        return record(event, null);
    }

    /** The same, for an aggregate that came from another system: its reference travels on the event. */
    public Mono<CloudEvent> record(DomainEvent event, String externalRef) {
        EventType<?> type = EventCatalog.of(event);
        return requireTransaction()
                .then(tracing.stamp(codec.wrap(event, source, externalRef)))
                .flatMap(envelope -> store.append(envelope.idAsUuid(), type.topic(), envelope.subject(), type.name(),
                                codec.toStructured(envelope))
                        .thenReturn(envelope));
    }

    private static Mono<Void> requireTransaction() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isActualTransactionActive)
                .onErrorResume(NoTransactionException.class, e -> Mono.empty())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "Outbox.record must run inside the transaction of the state change it describes")))
                .then();
    }
}
