package community.dispatch.member.signin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps messages instead of sending them, like a mail catcher, so sign-in with a code can be tried
 * without an SMS gateway; admins read them through the API.
 */
public class SmsSandbox implements SmsSender {

    private final DatabaseClient database;

    public SmsSandbox(DatabaseClient database) {
        this.database = database;
    }

    @Override
    public Mono<Void> send(String phone, String text) {
        return database.sql("INSERT INTO sms_message (id, phone, text) VALUES (:id, :phone, :text)")
                .bind("id", UUID.randomUUID()).bind("phone", phone).bind("text", text)
                .fetch().rowsUpdated().then();
    }

    /** The newest messages first, optionally for one phone. */
    public Flux<Message> messages(String phone, int limit) {
        String where = phone == null ? "" : " WHERE phone = :phone";
        DatabaseClient.GenericExecuteSpec spec = database.sql(
                "SELECT id, phone, text, sent_at FROM sms_message" + where + " ORDER BY sent_at DESC LIMIT :limit")
                .bind("limit", limit);
        if (phone != null) {
            spec = spec.bind("phone", phone);
        }
        return spec.map(row -> new Message(row.get("id", UUID.class), row.get("phone", String.class),
                row.get("text", String.class), row.get("sent_at", OffsetDateTime.class))).all();
    }

    public record Message(UUID id, @Schema(example = "10000000196") String phone,
            @Schema(example = "【社區派單 community-dispatch】登錄驗證碼 482913，5 分鐘內有效。Your sign-in code is 482913.") String text, OffsetDateTime sentAt) {
    }
}
