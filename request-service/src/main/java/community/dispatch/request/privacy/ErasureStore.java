package community.dispatch.request.privacy;

import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.events.Topics;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL of erasure: a person's words and home taken out of the requests they made and of the events kept about them. */
@Component
@RequiredArgsConstructor
class ErasureStore {

    private static final String THEIRS = "SELECT id FROM service_request WHERE requester_id = :id";

    /**
     * What stays of a request: its category, channel, urgency, statuses, times, grid, compound and rating — what the
     * KPIs count — and nothing the person wrote or where they live.
     */
    private static final List<String> STATEMENTS = List.of(
            "UPDATE request_timeline SET reason = NULL, public_note = NULL WHERE request_id IN (" + THEIRS + ")",
            "UPDATE deliberation_session SET parties = '{}', notes = NULL WHERE request_id IN (" + THEIRS + ")",
            """
            UPDATE outbox_event SET payload = jsonb_set(payload, '{data}',
                   (payload->'data') - 'building' - 'latitude' - 'longitude' - 'comment')
            WHERE topic = '%s' AND message_key IN (SELECT id::text FROM service_request WHERE requester_id = :id)"""
                    .formatted(Topics.REQUEST_EVENTS),
            "DELETE FROM member_register WHERE member_id = CAST(:id AS uuid)",
            "DELETE FROM idempotent_response WHERE caller = :id");

    private final DatabaseClient database;

    /** Pseudonymises the person's requests and removes the rest; how many requests were theirs. */
    Mono<Integer> erase(UUID member) {
        String id = member.toString();
        return database.sql("""
                        UPDATE service_request
                        SET details = jsonb_build_object('description', '', 'attributes', '{}'::jsonb, 'anonymous', true,
                                          'location', jsonb_build_object('compoundCode', details->'location'->'compoundCode')),
                            version = version + 1, updated_at = now()
                        WHERE requester_id = :id""")
                .bind("id", id).fetch().rowsUpdated()
                .flatMap(requests -> Flux.fromIterable(STATEMENTS)
                        .concatMap(sql -> database.sql(sql).bind("id", id).fetch().rowsUpdated())
                        .then(Mono.just(requests.intValue())));
    }
}
