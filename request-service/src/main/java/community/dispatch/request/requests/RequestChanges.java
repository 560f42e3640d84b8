package community.dispatch.request.requests;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import community.dispatch.events.DomainEvent;
import community.dispatch.events.request.RequestCancelled;
import community.dispatch.events.request.RequestClosed;
import community.dispatch.events.request.RequestEscalated;
import community.dispatch.events.request.RequestReopened;
import community.dispatch.events.request.RequestResolved;
import community.dispatch.events.request.RequestUpdated;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.kit.security.Caller;

import community.dispatch.request.requests.domain.ServiceRequest;
import community.dispatch.request.requests.domain.Status;
import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/** Writes a change of a request: the row, a timeline entry and an event per move, in the caller's transaction. */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class RequestChanges {

    private static final Logger log = LoggerFactory.getLogger(RequestChanges.class);

    private final RequestStore store;
    private final TimelineStore timeline;
    private final Outbox outbox;
    private final RequestMetrics metrics;

    /** Stores a new request with its first timeline entry (SUBMITTED: who entered it, how) and counts it; its event is the caller's. */
    public Mono<Void> enter(StoredRequest stored, String actor, String how) {
        ServiceRequest request = stored.request();
        return store.insert(request, stored.details(), stored.externalRef(), stored.sourceSystem())
                .then(timeline.append(request.id(), new ServiceRequest.Move(null, Status.SUBMITTED, actor, how, request.submittedAt())))
                .then(metrics.submitted(request));
    }

    /** Whether a request was made of this municipal system's ticket already. */
    public Mono<Boolean> tookTicket(String sourceSystem, String externalRef) {
        return store.byExternalReference(sourceSystem, externalRef).hasElement();
    }

    /** The request, locked until the caller's transaction ends; empty when there is none. */
    public Mono<StoredRequest> lock(UUID id) {
        return store.lock(id);
    }

    /** The request locked for a staff member's decision: 403 for anyone else, 404 when there is none. */
    public Mono<StoredRequest> lockForStaff(UUID id, Caller caller) {
        RequestAccess.requireStaff(caller);
        return store.lock(id).switchIfEmpty(Mono.error(() -> RequestAccess.notFound(id)));
    }

    /** A move that changes nothing of the request itself (a dispute climbing a rung): on its timeline only. */
    public Mono<Void> note(UUID id, ServiceRequest.Move move) {
        return timeline.append(id, move);
    }

    /** Writes the changed request, and for each of its moves a timeline entry, an event and the metrics. */
    public Mono<StoredRequest> persist(StoredRequest before, ServiceRequest.Changed changed) {
        ServiceRequest after = changed.request();
        return store.update(after)
                .thenMany(Flux.fromIterable(changed.moves())
                        .concatMap(move -> timeline.append(after.id(), move)
                                .then(outbox.record(eventFor(after.id(), move), before.externalRef()))
                                .then(metrics.moved(after, move))))
                .then(Mono.fromSupplier(() -> new StoredRequest(after.saved(), before.details(), before.externalRef(),
                        before.sourceSystem(), before.duplicateOf())))
                .doOnEach(Logged.onNext(stored -> changed.moves().forEach(move -> log.info("Request {}: {} → {} ({})",
                        after.id(), move.from(), move.to(), move.actor()))));
    }

    static DomainEvent eventFor(UUID id, ServiceRequest.Move move) {
        String reason = move.reason() == null ? "" : move.reason();
        return switch (move.to()) {
            case CANCELLED -> new RequestCancelled(id, reason);
            case RESOLVED -> new RequestResolved(id, move.at());
            case REOPENED -> new RequestReopened(id, reason);
            case ESCALATED -> new RequestEscalated(id, reason);
            case CLOSED -> new RequestClosed(id, reason);
            case REJECTED -> new RequestClosed(id, "rejected: " + reason);
            case SUBMITTED, DISPATCHING, ASSIGNED, IN_PROGRESS -> move.from() == move.to()
                    ? RequestUpdated.changed(id, List.of("urgency")) : RequestUpdated.movedTo(id, move.to().name());
        };
    }

}
