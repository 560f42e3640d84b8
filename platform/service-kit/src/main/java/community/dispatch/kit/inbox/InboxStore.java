package community.dispatch.kit.inbox;

import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/** The SQL over {@code processed_event}, in the caller's transaction. */
@RequiredArgsConstructor
public class InboxStore {

    private final DatabaseClient database;

    /** Notes that the consumer processed the event; false when it had already. */
    public Mono<Boolean> markProcessed(String consumer, String eventId, String eventType) {
        return database.sql("""
                        INSERT INTO processed_event (consumer, event_id, event_type)
                        VALUES (:consumer, :eventId, :type)
                        ON CONFLICT DO NOTHING""")
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .bind("type", eventType)
                .fetch()
                .rowsUpdated()
                .map(inserted -> inserted > 0);
    }
}
