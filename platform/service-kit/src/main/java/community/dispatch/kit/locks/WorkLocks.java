package community.dispatch.kit.locks;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;

/**
 * Work that two instances starting at once must not both do, such as loading first data: run in one transaction
 * holding a PostgreSQL advisory lock named after the work, so the second instance waits for the first's commit and
 * then finds the work done.
 */
public class WorkLocks {

    private final DatabaseClient database;
    private final TransactionalOperator transactions;

    public WorkLocks(DatabaseClient database, TransactionalOperator transactions) {
        this.database = database;
        this.transactions = transactions;
    }

    public <T> Mono<T> oneAtATime(String work, Mono<T> steps) {
        Mono<Void> lock = database.sql("SELECT pg_advisory_xact_lock(hashtext(:work))")
                .bind("work", "dispatch." + work)
                .fetch().rowsUpdated().then();
        return transactions.transactional(lock.then(steps));
    }
}
