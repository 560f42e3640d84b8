package community.dispatch.volunteer.privacy;

import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.events.Topics;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL of erasure: a person's home, skills, availability and notes out of volunteering and dispatch. */
@Component
@RequiredArgsConstructor
class ErasureStore {

    private static final String THEIR_REQUESTS = "SELECT request_id FROM dispatch WHERE requester_id = :id";

    /** Orders and hours stay — the time bank counts them — with nothing that says who or where. */
    private static final List<String> STATEMENTS = List.of(
            """
            UPDATE volunteer SET home_building = NULL, skills = '{}', availability = '{"weekly":[],"leave":[]}', active = false,
                   updated_at = now()
            WHERE member_id = :id""",
            "UPDATE dispatch SET building = NULL, latitude = NULL, longitude = NULL WHERE requester_id = :id",
            "DELETE FROM team_leader WHERE member_id = :id",
            "DELETE FROM idempotent_response WHERE caller = CAST(:id AS text)",
            """
            UPDATE outbox_event SET payload = jsonb_set(payload, '{data}', (payload->'data') - 'note')
            WHERE topic = '%s' AND (message_key IN (SELECT request_id::text FROM dispatch WHERE requester_id = :id)
                                    OR payload->'data'->>'volunteerId' = CAST(:id AS text))""".formatted(Topics.ORDER_EVENTS));

    private final DatabaseClient database;

    /** Pseudonymises what is theirs; how many orders were served by them or for their requests. */
    Mono<Integer> erase(UUID member) {
        return database.sql("UPDATE order_offer SET note = NULL WHERE volunteer_id = :id OR request_id IN (" + THEIR_REQUESTS + ")")
                .bind("id", member).fetch().rowsUpdated()
                .flatMap(orders -> Flux.fromIterable(STATEMENTS)
                        .concatMap(sql -> database.sql(sql).bind("id", member).fetch().rowsUpdated())
                        .then(Mono.just(orders.intValue())));
    }
}
