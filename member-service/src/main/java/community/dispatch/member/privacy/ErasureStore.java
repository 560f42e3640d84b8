package community.dispatch.member.privacy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import community.dispatch.events.Topics;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL of erasure: what member-service holds about a person, removed; and the record of each service's part. */
@Component
@RequiredArgsConstructor
class ErasureStore {

    /** What is known of the person before erasing: what identifies them in the sign-in records. */
    record Person(UUID id, String phone, String username, Set<String> roles, boolean erased) {
    }

    /** What visits heard at their home, and rows that only exist because of them: sign-in traces, sessions, messages, posts. */
    private static final List<String> TRACES = List.of(
            "UPDATE visit SET heard = '' WHERE unit_id = (SELECT unit_id FROM member WHERE id = :id)",
            "DELETE FROM refresh_token WHERE member_id = :id",
            "DELETE FROM notification WHERE member_id = :id",
            "DELETE FROM sandbox_message WHERE channel = 'PUSH' AND recipient = "
                    + "(SELECT push_device FROM notification_setting WHERE member_id = :id)",
            "DELETE FROM notification_setting WHERE member_id = :id",
            "DELETE FROM known_request WHERE requester_id = :id",
            "DELETE FROM membership WHERE member_id = :id",
            "DELETE FROM grid_chief WHERE member_id = :id",
            "DELETE FROM idempotent_response WHERE caller = :id::text",
            "DELETE FROM login_code WHERE phone = :phone",
            "DELETE FROM code_delivery WHERE phone = :phone",
            "DELETE FROM sandbox_message WHERE channel = 'SMS' AND recipient = :phone",
            "DELETE FROM code_request WHERE bucket = 'phone:' || :phone",
            "DELETE FROM sign_in_failure WHERE identity IN (:phone, :username)",
            "DELETE FROM sign_in_known_address WHERE username = :username");

    private final DatabaseClient database;

    /** The person, locked until the transaction ends so that nothing changes them while they are erased. */
    Mono<Person> lock(UUID id) {
        return database.sql("SELECT id, phone, username, roles, erased_at FROM member WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(row -> new Person(row.get("id", UUID.class), row.get("phone", String.class),
                        row.get("username", String.class), Arrays.stream(row.get("roles", String[].class)).collect(Collectors.toSet()),
                        row.get("erased_at", Instant.class) != null))
                .one();
    }

    /**
     * Removes the person's traces and leaves a tombstone: no name, phone, username, password, home, roles or party
     * membership. Member events it keeps for replay lose the home they carried. The number of rows changed.
     */
    Mono<Integer> erase(Person person, Instant at) {
        String phone = person.phone() == null ? "" : person.phone();
        String username = person.username() == null ? "" : person.username();
        return Flux.fromIterable(TRACES)
                .concatMap(sql -> database.sql(sql).bindValues(mentioned(sql, Map.of("id", person.id(), "phone", phone,
                                "username", username))).fetch().rowsUpdated())
                .concatWith(database.sql("""
                                UPDATE member SET name = '', phone = NULL, username = NULL, password_hash = NULL, unit_id = NULL,
                                       roles = '{}', party_branch_id = NULL, party_kind = NULL, leadership = false, active = false,
                                       password_change_required = false, erased_at = :at, version = version + 1, updated_at = :at
                                WHERE id = :id""")
                        .bind("id", person.id()).bind("at", at).fetch().rowsUpdated())
                .concatWith(database.sql("""
                                UPDATE outbox_event SET payload = jsonb_set(payload, '{data}',
                                       (payload->'data') - 'building' - 'latitude' - 'longitude' - 'gridCode' - 'compoundCode')
                                WHERE topic = :topic AND message_key = :key""")
                        .bind("topic", Topics.MEMBER_EVENTS).bind("key", person.id().toString()).fetch().rowsUpdated())
                .reduce(0L, Long::sum)
                .map(Long::intValue);
    }

    /** The values a statement names (R2DBC refuses one it does not). */
    private static Map<String, Object> mentioned(String sql, Map<String, Object> values) {
        return values.entrySet().stream().filter(value -> sql.contains(":" + value.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    Mono<Void> requested(UUID id, Instant at, String by, String reason) {
        return database.sql("""
                        INSERT INTO erasure (member_id, requested_at, requested_by, reason) VALUES (:id, :at, :by, :reason)""")
                .bindValues(Map.of("id", id, "at", at, "by", by, "reason", reason)).fetch().rowsUpdated().then();
    }

    /** A service's part done (once: a repeated confirmation changes nothing). */
    Mono<Void> done(UUID id, String service, Instant at, int records) {
        return database.sql("""
                        INSERT INTO erasure_step (member_id, service, done_at, records)
                        SELECT :id, :service, :at, :records WHERE EXISTS (SELECT 1 FROM erasure WHERE member_id = :id)
                        ON CONFLICT DO NOTHING""")
                .bindValues(Map.of("id", id, "service", service, "at", at, "records", records)).fetch().rowsUpdated().then();
    }

    Mono<Erasure> find(UUID id) {
        return database.sql("SELECT member_id, requested_at, requested_by, reason FROM erasure WHERE member_id = :id")
                .bind("id", id)
                .map(row -> new Erasure(row.get("member_id", UUID.class), row.get("requested_at", Instant.class),
                        row.get("requested_by", String.class), row.get("reason", String.class), List.of()))
                .one()
                .flatMap(erasure -> database.sql("""
                                SELECT service, done_at, records FROM erasure_step WHERE member_id = :id ORDER BY done_at, service""")
                        .bind("id", id)
                        .map(row -> new Erasure.Step(row.get("service", String.class), row.get("done_at", Instant.class),
                                row.get("records", Integer.class)))
                        .all().collectList()
                        .map(erasure::withSteps));
    }
}
