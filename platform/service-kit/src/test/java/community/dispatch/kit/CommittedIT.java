package community.dispatch.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.kit.metrics.Committed;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A change is counted when its transaction commits, never when it rolls back. */
@KitIntegrationTest
class CommittedIT {

    @Autowired
    TransactionalOperator transactions;
    @Autowired
    DatabaseClient database;

    @Test
    void countedOnceTheTransactionCommitsAndNotBefore() {
        AtomicInteger counted = new AtomicInteger();
        AtomicInteger countedBeforeCommit = new AtomicInteger(-1);
        transactions.transactional(Committed.measure(counted::incrementAndGet)
                        .then(database.sql("SELECT 1").fetch().rowsUpdated())
                        .then(Mono.fromRunnable(() -> countedBeforeCommit.set(counted.get()))))
                .block();
        assertThat(countedBeforeCommit).hasValue(0);
        assertThat(counted).hasValue(1);
    }

    @Test
    void notCountedWhenTheTransactionRollsBack() {
        AtomicInteger counted = new AtomicInteger();
        StepVerifier.create(transactions.transactional(Committed.measure(counted::incrementAndGet)
                        .then(Mono.error(new IllegalStateException("conflict")))))
                .expectErrorMessage("conflict")
                .verify();
        assertThat(counted).hasValue(0);
    }

    @Test
    void countedAtOnceOutsideATransaction() {
        AtomicInteger counted = new AtomicInteger();
        Committed.measure(counted::incrementAndGet).block();
        assertThat(counted).hasValue(1);
    }
}
