package community.dispatch.member.notifications;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import community.dispatch.web.language.Language;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** Notification settings, the notifications made from events, and requesters of requests. */
@Repository
@RequiredArgsConstructor
class NotificationStore {

    private final DatabaseClient database;

    /** The person's settings; the defaults when they set none. */
    Mono<NotificationSettings> settings(UUID member) {
        return database.sql("SELECT channels, quiet_from, quiet_to, language, push_device FROM notification_setting WHERE member_id = :id")
                .bind("id", member)
                .map(row -> {
                    LocalTime from = row.get("quiet_from", LocalTime.class);
                    return new NotificationSettings(Arrays.stream(row.get("channels", String[].class)).map(Channel::valueOf).toList(),
                            from == null ? null : new QuietHours(from, row.get("quiet_to", LocalTime.class)),
                            Language.of(row.get("language", String.class)), row.get("push_device", String.class));
                })
                .one().defaultIfEmpty(NotificationSettings.DEFAULT);
    }

    Mono<Void> saveSettings(UUID member, NotificationSettings settings, Instant at) {
        Map<String, Object> values = new HashMap<>(Map.of("id", member, "at", at, "language", settings.language().tag(),
                "channels", settings.channels().stream().map(Channel::name).toArray(String[]::new)));
        QuietHours quiet = settings.quietHours();
        values.put("from", Parameter.fromOrEmpty(quiet == null ? null : quiet.from(), LocalTime.class));
        values.put("to", Parameter.fromOrEmpty(quiet == null ? null : quiet.to(), LocalTime.class));
        values.put("device", Parameter.fromOrEmpty(settings.pushDevice(), String.class));
        return database.sql("""
                        INSERT INTO notification_setting (member_id, channels, quiet_from, quiet_to, language, push_device, updated_at)
                        VALUES (:id, :channels, :from, :to, :language, :device, :at)
                        ON CONFLICT (member_id) DO UPDATE SET channels = EXCLUDED.channels, quiet_from = EXCLUDED.quiet_from,
                          quiet_to = EXCLUDED.quiet_to, language = EXCLUDED.language, push_device = EXCLUDED.push_device,
                          updated_at = EXCLUDED.updated_at""")
                .bindValues(values).fetch().rowsUpdated().then();
    }

    /** The phone number of an active member; empty for one without or no longer active. */
    Mono<String> phoneOf(UUID member) {
        return database.sql("SELECT phone FROM member WHERE id = :id AND active AND phone IS NOT NULL").bind("id", member)
                .map(row -> row.get("phone", String.class)).one();
    }

    /** Whether someone with this id is in the register (events may name people another system made up). */
    /** The active admins: they are told of what threatens the system, such as a password being guessed. */
    Flux<UUID> admins() {
        return database.sql("SELECT id FROM member WHERE active AND 'ADMIN' = ANY (roles) ORDER BY id")
                .map(row -> row.get("id", UUID.class)).all();
    }

    Mono<Boolean> isMember(UUID member) {
        return database.sql("SELECT 1 FROM member WHERE id = :id").bind("id", member).map(row -> true).one().defaultIfEmpty(false);
    }

    /** Who submitted a request (null: a municipal ticket) and its grid (null: not known). */
    Mono<Void> remember(UUID request, UUID requester, String grid) {
        return database.sql("""
                        INSERT INTO known_request (request_id, requester_id, grid_code) VALUES (:request, :requester, :grid)
                        ON CONFLICT DO NOTHING""")
                .bind("request", request).bind("requester", Parameter.fromOrEmpty(requester, UUID.class))
                .bind("grid", Parameter.fromOrEmpty(grid, String.class)).fetch().rowsUpdated().then();
    }

    Mono<UUID> requesterOf(UUID request) {
        return database.sql("SELECT requester_id FROM known_request WHERE request_id = :request AND requester_id IS NOT NULL")
                .bind("request", request).map(row -> row.get("requester_id", UUID.class)).one();
    }

    /** The grid workers and chiefs posted to the request's grid. */
    Flux<UUID> servingGridOf(UUID request) {
        return database.sql("""
                        SELECT DISTINCT gc.member_id FROM known_request r JOIN grid g ON g.code = r.grid_code
                        JOIN grid_chief gc ON gc.grid_id = g.id WHERE r.request_id = :request ORDER BY gc.member_id""")
                .bind("request", request).map(row -> row.get("member_id", UUID.class)).all();
    }

    /** Records the notification unless one for the same event and person exists. */
    Mono<Void> record(Notification notification) {
        Map<String, Object> values = new HashMap<>(Map.of("id", notification.id(), "occasion", notification.occasion(),
                "member", notification.memberId(), "kind", notification.kind().name(), "due", notification.dueAt()));
        values.put("stale", Parameter.fromOrEmpty(notification.staleAfter(), Instant.class));
        return database.sql("""
                        INSERT INTO notification (id, occasion, member_id, kind, due_at, stale_after)
                        VALUES (:id, :occasion, :member, :kind, :due, :stale)
                        ON CONFLICT (occasion, member_id) DO NOTHING""")
                .bindValues(values).fetch().rowsUpdated().then();
    }

    /** Pending notifications due by {@code now}, locked for this transaction (other instances skip them). */
    Flux<Notification> claimDue(Instant now, int limit) {
        return database.sql("""
                        SELECT * FROM notification WHERE status = 'PENDING' AND due_at <= :now
                        ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .bind("now", now).bind("limit", limit).map(NotificationStore::read).all();
    }

    Mono<Void> settle(UUID id, Notification.Status status, Channel channel, String text, Instant at) {
        Map<String, Object> values = new HashMap<>(Map.of("id", id, "status", status.name(), "at", at));
        values.put("channel", Parameter.fromOrEmpty(channel == null ? null : channel.name(), String.class));
        values.put("text", Parameter.fromOrEmpty(text, String.class));
        return database.sql("UPDATE notification SET status = :status, channel = :channel, text = :text, sent_at = :at WHERE id = :id")
                .bindValues(values).fetch().rowsUpdated().then();
    }

    /** A person's notifications, newest first. */
    Flux<Notification> of(UUID member, int limit) {
        return database.sql("SELECT * FROM notification WHERE member_id = :member ORDER BY created_at DESC, id LIMIT :limit")
                .bind("member", member).bind("limit", limit).map(NotificationStore::read).all();
    }

    private static Notification read(Readable row) {
        String channel = row.get("channel", String.class);
        return new Notification(row.get("id", UUID.class), row.get("occasion", String.class), row.get("member_id", UUID.class),
                Notification.Kind.valueOf(row.get("kind", String.class)), row.get("due_at", Instant.class),
                row.get("stale_after", Instant.class), Notification.Status.valueOf(row.get("status", String.class)),
                channel == null ? null : Channel.valueOf(channel), row.get("text", String.class), row.get("sent_at", Instant.class));
    }
}
