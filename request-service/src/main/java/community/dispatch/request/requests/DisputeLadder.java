package community.dispatch.request.requests;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.events.request.RequestUpdated;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.web.problem.DomainProblem;
import community.dispatch.request.requests.RequestStore.Stored;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Disputes climb ONLINE_DELIBERATION → PROPERTY_COUNCIL → COMMUNITY_COUNCIL: staff record each
 * session; a settled dispute is resolved and goes to evaluation like any request; an unsettled step
 * climbs at its deadline or by staff decision; past the top rung the request is escalated to staff.
 * Runs inside the caller's transaction.
 */
@Component
@EnableConfigurationProperties(DisputeProperties.class)
public class DisputeLadder {

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

    private final DatabaseClient database;
    private final RequestStore store;
    private final RequestChanges changes;
    private final Outbox outbox;
    private final DisputeProperties properties;
    private final RequestProperties requests;
    private final Clock clock = Clock.systemUTC();

    DisputeLadder(DatabaseClient database, RequestStore store, RequestChanges changes, Outbox outbox,
            DisputeProperties properties, RequestProperties requests) {
        this.database = database;
        this.store = store;
        this.changes = changes;
        this.outbox = outbox;
        this.properties = properties;
        this.requests = requests;
    }

    /** Puts a new (or reopened) dispute on the first rung. */
    Mono<Stored> start(Stored dispute) {
        Instant now = Instant.now(clock);
        Step first = Step.ONLINE_DELIBERATION;
        return changes.persist(dispute, dispute.request().startDeliberation(first, "system", now))
                .flatMap(stored -> database.sql("""
                                INSERT INTO deliberation (request_id, step, step_due_at) VALUES (:id, :step, :due)
                                ON CONFLICT (request_id) DO UPDATE SET step = :step, step_due_at = :due, settled_at = NULL""")
                        .bind("id", stored.request().id()).bind("step", first.name())
                        .bind("due", utc(now.plus(properties.window(first))))
                        .fetch().rowsUpdated()
                        .then(outbox.record(new RequestUpdated(stored.request().id(), List.of("deliberation:" + first)),
                                stored.externalRef()))
                        .thenReturn(stored));
    }

    /** A reopened request that is a dispute goes back on the ladder; others are left as they are. */
    Mono<Stored> restartIfDispute(Stored reopened) {
        return standing(reopened.request().id()).flatMap(standing -> start(reopened)).defaultIfEmpty(reopened);
    }

    Mono<Standing> standing(UUID requestId) {
        return database.sql("SELECT step, step_due_at, settled_at FROM deliberation WHERE request_id = :id")
                .bind("id", requestId)
                .map(row -> new Standing(Step.valueOf(row.get("step", String.class)),
                        instant(row.get("step_due_at", OffsetDateTime.class)),
                        instant(row.get("settled_at", OffsetDateTime.class)), List.of()))
                .one()
                .flatMap(rung -> sessions(requestId).collectList()
                        .map(sessions -> new Standing(rung.step(), rung.stepDueAt(), rung.settledAt(), sessions)));
    }

    /** Records a session on the current rung; a settlement resolves the request. */
    Mono<Stored> record(Stored dispute, LocalDate heldOn, List<String> parties, Outcome outcome, String notes, String staff) {
        return deliberating(dispute).flatMap(standing -> database.sql("""
                                INSERT INTO deliberation_session (id, request_id, step, held_on, parties, outcome, notes, recorded_by)
                                VALUES (:id, :request, :step, :heldOn, :parties, :outcome, :notes, :by)""")
                        .bind("id", UUID.randomUUID()).bind("request", dispute.request().id())
                        .bind("step", standing.step().name()).bind("heldOn", heldOn)
                        .bind("parties", parties.toArray(String[]::new)).bind("outcome", outcome.name())
                        .bind("notes", notes == null ? "" : notes).bind("by", staff)
                        .fetch().rowsUpdated()
                        .then(outcome != Outcome.SETTLED ? Mono.just(dispute) : database.sql("""
                                        UPDATE deliberation SET settled_at = now(), step_due_at = NULL WHERE request_id = :id""")
                                .bind("id", dispute.request().id()).fetch().rowsUpdated()
                                .then(changes.persist(dispute, dispute.request().advanceTo(Status.RESOLVED, staff,
                                        "settled at " + standing.step() + " (" + standing.step().nameZh() + ")",
                                        Instant.now(clock), requests.evaluationWindow())))));
    }

    /** Climbs to the next rung (a deadline passed, or staff decided); past the top the request is escalated. */
    Mono<Stored> climb(Stored dispute, String actor, String why) {
        return deliberating(dispute).flatMap(standing -> {
            Instant now = Instant.now(clock);
            return standing.step().next()
                    .map(next -> database.sql("UPDATE deliberation SET step = :step, step_due_at = :due WHERE request_id = :id")
                            .bind("id", dispute.request().id()).bind("step", next.name())
                            .bind("due", utc(now.plus(properties.window(next))))
                            .fetch().rowsUpdated()
                            .then(store.append(dispute.request().id(), new ServiceRequest.Move(Status.IN_PROGRESS,
                                    Status.IN_PROGRESS, actor, "deliberation: " + next + " (" + next.nameZh() + "): " + why, now)))
                            .then(outbox.record(new RequestUpdated(dispute.request().id(), List.of("deliberation:" + next)),
                                    dispute.externalRef()))
                            .doOnSuccess(event -> log.info("Dispute {} climbs to {}", dispute.request().id(), next))
                            .thenReturn(dispute))
                    .orElseGet(() -> database.sql("UPDATE deliberation SET step_due_at = NULL WHERE request_id = :id")
                            .bind("id", dispute.request().id()).fetch().rowsUpdated()
                            .then(changes.persist(dispute, dispute.request().moveTo(Status.ESCALATED, actor,
                                    "deliberation ladder exhausted: " + why, now, requests.evaluationWindow()))));
        });
    }

    /** Disputes whose rung deadline passed climb; answers how many did. */
    Mono<Long> climbOverdue(int limit) {
        return database.sql("""
                        SELECT request_id FROM deliberation
                        WHERE step_due_at IS NOT NULL AND step_due_at <= now() AND settled_at IS NULL
                        ORDER BY step_due_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("limit", limit)
                .map(row -> row.get("request_id", UUID.class)).all()
                .concatMap(id -> store.lock(id).flatMap(stored -> climb(stored, "system", "step deadline passed")))
                .count();
    }

    private Mono<Standing> deliberating(Stored dispute) {
        return standing(dispute.request().id())
                .filter(standing -> standing.settledAt() == null && dispute.request().status() == Status.IN_PROGRESS)
                .switchIfEmpty(Mono.error(() -> new DomainProblem(HttpStatus.CONFLICT, "not-in-deliberation",
                        "Request " + dispute.request().id() + " is not a dispute under deliberation.",
                        Map.of("status", dispute.request().status().name()))));
    }

    private Flux<Session> sessions(UUID requestId) {
        return database.sql("""
                        SELECT id, step, held_on, parties, outcome, notes, recorded_by, recorded_at FROM deliberation_session
                        WHERE request_id = :id ORDER BY recorded_at""")
                .bind("id", requestId)
                .map(row -> new Session(row.get("id", UUID.class), Step.valueOf(row.get("step", String.class)),
                        row.get("held_on", LocalDate.class), List.of(row.get("parties", String[].class)),
                        Outcome.valueOf(row.get("outcome", String.class)), row.get("notes", String.class),
                        row.get("recorded_by", String.class), row.get("recorded_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
