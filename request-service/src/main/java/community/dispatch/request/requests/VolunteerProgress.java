package community.dispatch.request.requests;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.request.requests.domain.ServiceRequest;
import community.dispatch.request.requests.domain.Status;
import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** What volunteer-service reports about a request's work moves the request; never backwards. */
@Service
@RequiredArgsConstructor
class VolunteerProgress {

    private static final Logger log = LoggerFactory.getLogger(VolunteerProgress.class);
    static final String DISPATCHER = "volunteer-service";

    private final RequestStore store;
    private final TimelineStore timeline;
    private final RequestChanges changes;
    private final TransactionalOperator transactions;
    private final RequestProperties properties;
    private final Clock clock;

    /** The request walks forward to the status, never back. */
    Mono<Void> advance(UUID id, Status target, String actor, String reason) {
        return transactions.transactional(store.lock(id).flatMap(stored -> {
            ServiceRequest.Changed changed = stored.request().advanceTo(target, actor, reason, clock.instant(),
                    properties.evaluationWindow());
            if (!changed.changed()) {
                return Logged.line(() -> log.info("Request {} is {}; an order event for {} changes nothing", id,
                        stored.request().status(), target));
            }
            return changes.persist(stored, changed).then();
        }));
    }

    /** The volunteer gave the order back before starting: the request is being dispatched again. */
    Mono<Void> released(UUID id, String actor, String reason) {
        return moveIfAllowed(id, Status.ASSIGNED, Status.DISPATCHING, actor, reason);
    }

    /** Nobody could be found: staff must act. */
    Mono<Void> escalate(UUID id, String reason) {
        return moveIfAllowed(id, null, Status.ESCALATED, DISPATCHER, reason);
    }

    /** What the volunteer chose to say in public about the work, on the move it made (empty: nothing). */
    Mono<Void> publicNote(UUID id, Status status, String text) {
        return text == null || text.isBlank() ? Mono.empty() : timeline.publishNote(id, status, text.strip());
    }

    /** Remembers the team the request went to, for the figures per team. */
    Mono<Void> offeredToTeam(UUID id, String teamKey) {
        return teamKey == null ? Mono.empty() : store.setTeam(id, teamKey);
    }

    /** Moves the request if it is in {@code from} (any status when null) and may move to {@code to}. */
    private Mono<Void> moveIfAllowed(UUID id, Status from, Status to, String actor, String reason) {
        return transactions.transactional(store.lock(id)
                .filter(stored -> (from == null || stored.request().status() == from)
                        && stored.request().status().next().contains(to))
                .flatMap(stored -> changes.persist(stored, stored.request().moveTo(to, actor, reason, clock.instant(),
                        properties.evaluationWindow())))
                .then());
    }
}
