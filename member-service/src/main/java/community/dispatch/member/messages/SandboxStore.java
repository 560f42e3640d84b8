package community.dispatch.member.messages;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code sandbox_message}: the outbound messages the sandbox kept. */
@Component
@RequiredArgsConstructor
class SandboxStore {

    static final String SMS = "SMS";
    static final String PUSH = "PUSH";

    private final DatabaseClient database;

    Mono<Void> keep(String channel, String recipient, String title, String text, Instant at) {
        Map<String, Object> values = new HashMap<>(Map.of("id", UUID.randomUUID(), "channel", channel, "recipient", recipient,
                "text", text, "at", at));
        values.put("title", Parameter.fromOrEmpty(title, String.class));
        return database.sql("""
                        INSERT INTO sandbox_message (id, channel, recipient, title, text, sent_at)
                        VALUES (:id, :channel, :recipient, :title, :text, :at)""")
                .bindValues(values).fetch().rowsUpdated().then();
    }

    /** The channel's newest messages first, optionally to one recipient, each as {@code read} makes it of its row. */
    <T> Flux<T> newest(String channel, String recipient, int limit, Function<Readable, T> read) {
        Map<String, Object> values = new HashMap<>(Map.of("channel", channel, "limit", limit));
        values.put("recipient", Parameter.fromOrEmpty(recipient, String.class));
        return database.sql("""
                        SELECT id, recipient, title, text, sent_at FROM sandbox_message
                        WHERE channel = :channel AND (CAST(:recipient AS text) IS NULL OR recipient = :recipient)
                        ORDER BY sent_at DESC LIMIT :limit""")
                .bindValues(values).map(read::apply).all();
    }

    static SandboxText text(Readable row) {
        return new SandboxText(row.get("id", UUID.class), row.get("recipient", String.class), row.get("text", String.class),
                row.get("sent_at", OffsetDateTime.class));
    }

    static SandboxPush push(Readable row) {
        return new SandboxPush(row.get("id", UUID.class), row.get("recipient", String.class), row.get("title", String.class),
                row.get("text", String.class), row.get("sent_at", OffsetDateTime.class));
    }
}
