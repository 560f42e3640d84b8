package community.dispatch.request.disputes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.request.disputes.DisputeLadder.Outcome;
import community.dispatch.request.disputes.DisputeLadder.Session;
import community.dispatch.request.disputes.DisputeLadder.Standing;
import community.dispatch.request.requests.domain.Step;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code deliberation} (a dispute's rung) and {@code deliberation_session}. */
@Component
@RequiredArgsConstructor
class DeliberationStore {

    private final DatabaseClient database;

    /** Puts the dispute on a rung, due at {@code due}; a settled or earlier rung is replaced. */
    Mono<Void> putOn(UUID requestId, Step step, Instant due) {
        return database.sql("""
                        INSERT INTO deliberation (request_id, step, step_due_at) VALUES (:id, :step, :due)
                        ON CONFLICT (request_id) DO UPDATE SET step = :step, step_due_at = :due, settled_at = NULL""")
                .bind("id", requestId).bind("step", step.name()).bind("due", due)
                .fetch().rowsUpdated().then();
    }

    /** Where the dispute stands, without its sessions. */
    Mono<Standing> rung(UUID requestId) {
        return database.sql("SELECT step, step_due_at, settled_at FROM deliberation WHERE request_id = :id")
                .bind("id", requestId)
                .map(row -> new Standing(Step.valueOf(row.get("step", String.class)), row.get("step_due_at", Instant.class),
                        row.get("settled_at", Instant.class), List.of()))
                .one();
    }

    Mono<Void> settle(UUID requestId, Instant at) {
        return database.sql("UPDATE deliberation SET settled_at = :at, step_due_at = NULL WHERE request_id = :id")
                .bind("id", requestId).bind("at", at).fetch().rowsUpdated().then();
    }

    /** No more deadlines on the ladder: it is exhausted. */
    Mono<Void> stopClock(UUID requestId) {
        return database.sql("UPDATE deliberation SET step_due_at = NULL WHERE request_id = :id")
                .bind("id", requestId).fetch().rowsUpdated().then();
    }

    Mono<Void> recordSession(UUID requestId, Step step, LocalDate heldOn, List<String> parties, Outcome outcome,
            String notes, String staff) {
        return database.sql("""
                        INSERT INTO deliberation_session (id, request_id, step, held_on, parties, outcome, notes, recorded_by)
                        VALUES (:id, :request, :step, :heldOn, :parties, :outcome, :notes, :by)""")
                .bindValues(Map.of("id", UUID.randomUUID(), "request", requestId, "step", step.name(), "heldOn", heldOn,
                        "parties", parties.toArray(String[]::new), "outcome", outcome.name(),
                        "notes", notes == null ? "" : notes, "by", staff))
                .fetch().rowsUpdated().then();
    }

    Flux<Session> sessions(UUID requestId) {
        return database.sql("""
                        SELECT id, step, held_on, parties, outcome, notes, recorded_by, recorded_at FROM deliberation_session
                        WHERE request_id = :id ORDER BY recorded_at""")
                .bind("id", requestId)
                .map(row -> new Session(row.get("id", UUID.class), Step.valueOf(row.get("step", String.class)),
                        row.get("held_on", LocalDate.class), List.of(row.get("parties", String[].class)),
                        Outcome.valueOf(row.get("outcome", String.class)), row.get("notes", String.class),
                        row.get("recorded_by", String.class), row.get("recorded_at", Instant.class)))
                .all();
    }

    /** Unsettled disputes whose rung deadline passed at {@code now}, locked so another instance skips them; read whole. */
    Flux<UUID> claimOverdue(Instant now, int limit) {
        return database.sql("""
                        SELECT request_id FROM deliberation
                        WHERE step_due_at IS NOT NULL AND step_due_at <= :now AND settled_at IS NULL
                        ORDER BY step_due_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("now", now).bind("limit", limit)
                .map(row -> row.get("request_id", UUID.class)).all()
                .collectList().flatMapIterable(ids -> ids);
    }

    /** The earliest rung deadline of an unsettled dispute after the given instant. */
    Mono<Instant> nextDueAfter(Instant after) {
        return database.sql("SELECT min(step_due_at) AS next FROM deliberation WHERE step_due_at > :after AND settled_at IS NULL")
                .bind("after", after)
                .map(row -> Optional.ofNullable(row.get("next", Instant.class))).one()
                .flatMap(Mono::justOrEmpty);
    }
}
