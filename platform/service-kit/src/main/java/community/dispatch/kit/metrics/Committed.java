package community.dispatch.kit.metrics;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import reactor.core.publisher.Mono;

/**
 * Counts what happened only once it is true: a metric of a state change is recorded when the
 * transaction that made the change commits (at once when there is none), so a rolled-back change, or
 * one repeated after a conflict, is never counted.
 */
public final class Committed {

    private Committed() {
    }

    /** Runs {@code measure} after the caller's transaction commits. */
    public static Mono<Void> measure(Runnable measure) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .filter(TransactionSynchronizationManager::isSynchronizationActive)
                .onErrorResume(NoTransactionException.class, e -> Mono.empty())
                .doOnNext(transaction -> transaction.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(measure);
                    }
                }))
                .switchIfEmpty(Mono.<TransactionSynchronizationManager>fromRunnable(measure))
                .then();
    }
}
