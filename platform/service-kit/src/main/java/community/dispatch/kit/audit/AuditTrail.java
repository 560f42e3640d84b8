package community.dispatch.kit.audit;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import reactor.core.publisher.Mono;

/**
 * Who did what to whom: every role change and admin-only action is written with the change, in its
 * transaction; a refused attempt at one is written in a transaction of its own, so it stays even though
 * the attempt is rolled back. Admins read the trail.
 */
public class AuditTrail {

    private final AuditStore store;
    private final Clock clock;
    private final TransactionalOperator separately;

    public AuditTrail(AuditStore store, Clock clock, ReactiveTransactionManager transactions) {
        this.store = store;
        this.clock = clock;
        DefaultTransactionDefinition own = new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.separately = TransactionalOperator.create(transactions, own);
    }

    /** Records what was done, in the caller's transaction. */
    public Mono<Void> done(Caller actor, String action, String target, Map<String, Object> before, Map<String, Object> after) {
        return store.insert(entry(actor, action, target, AuditEntry.Outcome.DONE, before, after));
    }

    /** Records a refused attempt (committed on its own), then fails with the refusal. */
    public <T> Mono<T> refused(Caller actor, String action, String target, Map<String, Object> before,
            Map<String, Object> after, DomainException refusal) {
        return separately.transactional(store.insert(entry(actor, action, target, AuditEntry.Outcome.REFUSED, before, after)))
                .then(Mono.error(refusal));
    }

    /** A page of the trail, newest first (admins). */
    public Mono<List<AuditEntry>> read(String target, int page, int size, Caller caller) {
        if (!caller.hasRole(Caller.ADMIN)) {
            return Mono.error(DomainException.forbidden("Only admins read the audit trail."));
        }
        return store.page(target, page, size).collectList();
    }

    private AuditEntry entry(Caller actor, String action, String target, AuditEntry.Outcome outcome,
            Map<String, Object> before, Map<String, Object> after) {
        return new AuditEntry(UUID.randomUUID(), clock.instant(), actor == null ? "system" : actor.subject(), action, target,
                outcome, before, after);
    }
}
