package community.dispatch.kit.streams;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.EventCatalog;
import community.dispatch.events.EventType;

/**
 * What one stream is about: the events on a topic whose data names a value in a field (the order events
 * whose {@code volunteerId} is the caller's), and — for a stream that follows aggregates — every event
 * about the aggregates it started with or learns of so (a resident's requests: those they had, and each
 * new one whose {@code requesterId} is theirs). A service that streams by a field indexes its outbox on it
 * ({@code payload->'data'->>'<field>'}), and on {@code message_key} when it follows aggregates.
 */
public final class Interest {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private final String topic;
    private final String field;
    private final String value;
    /** The aggregates followed; null when the stream goes by the field alone. */
    private final Set<String> keys;

    private Interest(String topic, String field, String value, Set<String> keys) {
        if (!FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("not a data field name: " + field);
        }
        this.topic = topic;
        this.field = field;
        this.value = value;
        this.keys = keys;
    }

    /** The events on the topic whose data's {@code field} is {@code value}. */
    public static Interest naming(String topic, String field, String value) {
        return new Interest(topic, field, value, null);
    }

    /**
     * The events about the aggregates with these keys (the topic's message keys, the events' subjects) and
     * about each aggregate whose event names {@code value} in {@code field}, from that event on.
     */
    public static Interest following(String topic, Collection<String> keys, String field, String value) {
        Set<String> followed = ConcurrentHashMap.newKeySet();
        followed.addAll(keys);
        return new Interest(topic, field, value, followed);
    }

    String topic() {
        return topic;
    }

    String field() {
        return field;
    }

    String value() {
        return value;
    }

    /** The aggregates followed so far (empty for a stream by field alone). */
    String[] keys() {
        return keys == null ? new String[0] : keys.toArray(String[]::new);
    }

    /** Whether the event belongs to the stream; an event naming the value makes its aggregate followed from then on. */
    boolean matches(CloudEvent event) {
        if (!EventCatalog.byName(event.type()).map(EventType::topic).filter(topic::equals).isPresent()) {
            return false;
        }
        if (event.data() != null && value.equals(event.data().path(field).asString())) {
            if (keys != null && event.subject() != null) {
                keys.add(event.subject());
            }
            return true;
        }
        return keys != null && event.subject() != null && keys.contains(event.subject());
    }
}
