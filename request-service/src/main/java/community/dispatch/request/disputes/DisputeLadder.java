package community.dispatch.request.disputes;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.events.request.RequestUpdated;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.errors.DomainException;
import community.dispatch.kit.security.Caller;
import community.dispatch.request.requests.Deliberations;
import community.dispatch.request.requests.RequestAccess;
import community.dispatch.request.requests.RequestChanges;
import community.dispatch.request.requests.RequestProperties;
import community.dispatch.request.requests.StoredRequest;

import community.dispatch.request.requests.domain.ServiceRequest;
import community.dispatch.request.requests.domain.Status;
import community.dispatch.request.requests.domain.Step;
import community.dispatch.web.logging.Logged;
import reactor.core.publisher.Mono;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * Disputes climb ONLINE_DELIBERATION → PROPERTY_COUNCIL → COMMUNITY_COUNCIL: staff record each
 * session; a settled dispute is resolved and goes to evaluation like any request; an unsettled step
 * climbs at its deadline or by staff decision; past the top rung the request is escalated to staff.
 * What a request's life asks of it ({@link Deliberations}) runs inside the caller's transaction; what staff and
 * readers ask runs in a transaction of its own.
 */
@Service
@EnableConfigurationProperties(DisputeProperties.class)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class DisputeLadder implements Deliberations {

    private static final Logger log = LoggerFactory.getLogger(DisputeLadder.class);

    /** One session on a rung. */
    public record Session(UUID id, Step step, LocalDate heldOn,
            @Schema(example = "[\"Resident of C05-5-301\", \"Resident of C05-5-401\", \"Property manager\"]") List<String> parties,
            Outcome outcome,
            @Schema(example = "Both sides agreed the upstairs drain is repaired by Friday at shared cost.") String notes,
            @Schema(example = "2b0f3c5e-6a47-4d51-9a43-1f0e8f6f7a10") String recordedBy, Instant recordedAt) {
    }

    public enum Outcome {
        SETTLED, UNSETTLED, ADJOURNED
    }

    /** Where a dispute stands on the ladder, with its sessions. */
    public record Standing(Step step, Instant stepDueAt, Instant settledAt, List<Session> sessions) {
    }

    private final DeliberationStore deliberations;
    private final RequestAccess access;
    private final RequestChanges changes;
    private final Outbox outbox;
    private final DisputeMetrics metrics;
    private final TransactionalOperator transactions;
    private final DisputeProperties properties;
    private final RequestProperties requests;
    private final Clock clock;

    /** Puts a new (or reopened) dispute on the first rung. */
    @Override
    public Mono<StoredRequest> start(StoredRequest dispute) {
        Instant now = clock.instant();
        Step first = Step.ONLINE_DELIBERATION;
        return changes.persist(dispute, dispute.request().startDeliberation(first, "system", now))
                .flatMap(stored -> deliberations.putOn(stored.request().id(), first, now.plus(properties.window(first)))
                        .then(outbox.record(RequestUpdated.deliberating(stored.request().id(), first.name()),
                                stored.externalRef()))
                        .then(metrics.putOn(first))
                        .thenReturn(stored));
    }

    /** A reopened request that is a dispute goes back on the ladder; others are left as they are. */
    @Override
    public Mono<StoredRequest> restartIfDispute(StoredRequest reopened) {
        return deliberations.rung(reopened.request().id()).flatMap(standing -> start(reopened)).defaultIfEmpty(reopened);
    }

    /** Where a dispute stands on the ladder, for those who may see the request (404 for anyone else, and for a request that is no dispute). */
    public Mono<Standing> standing(UUID id, Caller caller) {
        return access.get(id, caller).flatMap(stored -> standing(id))
                .switchIfEmpty(Mono.error(() -> DomainException.notFound("not-a-dispute",
                        "Request " + id + " is not on the deliberation ladder.")));
    }

    /** Staff record a session on the current rung; a settlement resolves the dispute. */
    public Mono<StoredRequest> record(UUID id, LocalDate heldOn, List<String> parties, Outcome outcome, String notes, Caller caller) {
        return transactions.transactional(changes.lockForStaff(id, caller)
                .flatMap(stored -> record(stored, heldOn, parties, outcome, notes, caller.subject())));
    }

    /** Staff take an unsettled dispute to the next rung. */
    public Mono<StoredRequest> climb(UUID id, String reason, Caller caller) {
        return transactions.transactional(changes.lockForStaff(id, caller)
                .flatMap(stored -> climb(stored, caller.subject(), reason == null ? "staff decision" : reason)));
    }

    private Mono<Standing> standing(UUID requestId) {
        return deliberations.rung(requestId)
                .flatMap(rung -> deliberations.sessions(requestId).collectList()
                        .map(sessions -> new Standing(rung.step(), rung.stepDueAt(), rung.settledAt(), sessions)));
    }

    private Mono<StoredRequest> record(StoredRequest dispute, LocalDate heldOn, List<String> parties, Outcome outcome, String notes, String staff) {
        UUID id = dispute.request().id();
        return deliberating(dispute).flatMap(standing -> deliberations.recordSession(id, standing.step(), heldOn, parties,
                        outcome, notes, staff)
                .then(outcome != Outcome.SETTLED ? Mono.just(dispute) : Mono.defer(() -> {
                    Instant now = clock.instant();
                    return deliberations.settle(id, now)
                            .then(changes.persist(dispute, dispute.request().advanceTo(Status.RESOLVED, staff,
                                    "settled at " + standing.step() + " (" + standing.step().nameZh() + ")", now,
                                    requests.evaluationWindow())));
                })));
    }

    /** Climbs to the next rung (a deadline passed, or staff decided); past the top the request is escalated. */
    private Mono<StoredRequest> climb(StoredRequest dispute, String actor, String why) {
        UUID id = dispute.request().id();
        return deliberating(dispute).flatMap(standing -> {
            Instant now = clock.instant();
            return standing.step().next()
                    .map(next -> deliberations.putOn(id, next, now.plus(properties.window(next)))
                            .then(changes.note(id, new ServiceRequest.Move(Status.IN_PROGRESS, Status.IN_PROGRESS, actor,
                                    "deliberation: " + next + " (" + next.nameZh() + "): " + why, now)))
                            .then(outbox.record(RequestUpdated.deliberating(id, next.name()), dispute.externalRef()))
                            .then(metrics.putOn(next))
                            .then(Logged.line(() -> log.info("Dispute {} climbs to {}", id, next)))
                            .thenReturn(dispute))
                    .orElseGet(() -> deliberations.stopClock(id)
                            .then(changes.persist(dispute, dispute.request().moveTo(Status.ESCALATED, actor,
                                    "deliberation ladder exhausted: " + why, now, requests.evaluationWindow()))));
        });
    }

    /** Disputes whose rung deadline passed climb; answers how many did. */
    Mono<Long> climbOverdue(Instant now, int limit) {
        return deliberations.claimOverdue(now, limit)
                .concatMap(id -> changes.lock(id).flatMap(stored -> climb(stored, "system", "step deadline passed")))
                .count();
    }

    private Mono<Standing> deliberating(StoredRequest dispute) {
        return standing(dispute.request().id())
                .filter(standing -> standing.settledAt() == null && dispute.request().status() == Status.IN_PROGRESS)
                .switchIfEmpty(Mono.error(() -> DomainException.conflict("not-in-deliberation",
                        "Request " + dispute.request().id() + " is not a dispute under deliberation.",
                        Map.of("status", dispute.request().status().name()))));
    }
}
