package community.dispatch.request.requests;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.errors.DomainException;
import community.dispatch.events.request.RequestEvaluated;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.kit.security.Caller;
import community.dispatch.request.catalogue.Urgency;

import community.dispatch.request.requests.domain.IllegalMove;
import community.dispatch.request.requests.domain.ServiceRequest;
import community.dispatch.request.requests.domain.Status;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * What people decide about a request: the requester withdraws or rates it, staff reject, reclassify
 * or close it as a duplicate, and record deliberation sessions of a dispute. Every move is locked,
 * recorded in the timeline and published through the outbox in one transaction.
 */
@Service
@EnableConfigurationProperties(RequestProperties.class)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class RequestDecisions {

    private final RequestStore store;
    private final TimelineStore timeline;
    private final RequestChanges changes;
    private final Deliberations deliberations;
    private final Outbox outbox;
    private final RequestMetrics metrics;
    private final TransactionalOperator transactions;
    private final RequestProperties properties;
    private final Clock clock;

    /** The requester (or staff) withdraws a request before work starts. */
    public Mono<StoredRequest> cancel(UUID id, String reason, Caller caller) {
        return change(id, caller, stored -> {
            if (!caller.isStaff() && !RequestAccess.isRequester(stored.request(), caller)) {
                throw RequestAccess.notFound(id);
            }
            if (!stored.request().status().beforeWork()) {
                throw new IllegalMove(stored.request().status(), Status.CANCELLED);
            }
            return stored.request().moveTo(Status.CANCELLED, caller.subject(), reason, clock.instant(),
                    properties.evaluationWindow());
        });
    }

    /** Staff close a request that repeats another; it points to the original. */
    public Mono<StoredRequest> closeAsDuplicate(UUID id, UUID original, Caller caller) {
        RequestAccess.requireStaff(caller);
        return transactions.transactional(store.find(original).switchIfEmpty(Mono.error(() -> RequestAccess.notFound(original)))
                .then(store.lock(id)).switchIfEmpty(Mono.error(() -> RequestAccess.notFound(id)))
                .flatMap(stored -> changes.persist(stored, stored.request().closeAsDuplicateOf(original, caller.subject(),
                        clock.instant())))
                .flatMap(stored -> store.markDuplicate(id, original).then(store.find(id))));
    }

    /** Staff reclassify a request's urgency, e.g. as COMPLEX; its deadlines are counted again. */
    public Mono<StoredRequest> reclassify(UUID id, Urgency urgency, Caller caller) {
        RequestAccess.requireStaff(caller);
        return change(id, caller, stored -> stored.request().reclassify(urgency, caller.subject(), clock.instant()));
    }

    /** Staff turn a request down as out of scope (退單). */
    public Mono<StoredRequest> reject(UUID id, String reason, Caller caller) {
        RequestAccess.requireStaff(caller);
        return change(id, caller, stored -> stored.request().moveTo(Status.REJECTED, caller.subject(), reason,
                clock.instant(), properties.evaluationWindow()));
    }

    /**
     * The requester rates resolved work (評單): 1–2 stars reopens it — or, once it went round
     * {@code max-reopenings} times, escalates it to staff — and 3–5 closes it.
     */
    public Mono<StoredRequest> evaluate(UUID id, int rating, String comment, Caller caller) {
        return transactions.transactional(locked(id, caller).flatMap(stored -> {
            if (!RequestAccess.isRequester(stored.request(), caller)) {
                return Mono.error(DomainException.forbidden("Only the requester evaluates."));
            }
            return timeline.reopenings(id).flatMap(reopenings -> {
                ServiceRequest.Changed changed = stored.request().evaluate(rating, caller.subject(), clock.instant(),
                        properties.evaluationWindow(), reopenings < properties.maxReopenings());
                return outbox.record(new RequestEvaluated(id, rating, comment), stored.externalRef())
                        .then(metrics.evaluated(rating))
                        .then(changes.persist(stored, changed));
            }).flatMap(after -> after.request().status() == Status.REOPENED ? deliberations.restartIfDispute(after)
                    : Mono.just(after));
        }));
    }

    private Mono<StoredRequest> change(UUID id, Caller caller, Function<StoredRequest, ServiceRequest.Changed> move) {
        return transactions.transactional(locked(id, caller).flatMap(stored -> changes.persist(stored, move.apply(stored))));
    }

    private Mono<StoredRequest> locked(UUID id, Caller caller) {
        return store.lock(id).filter(stored -> RequestAccess.maySee(stored.request(), caller))
                .switchIfEmpty(Mono.error(() -> RequestAccess.notFound(id)));
    }
}
