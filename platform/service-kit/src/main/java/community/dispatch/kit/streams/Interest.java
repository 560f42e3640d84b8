package community.dispatch.kit.streams;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.EventCatalog;
import community.dispatch.events.EventType;
import tools.jackson.databind.JsonNode;

/**
 * What one stream is about: the events on a topic whose data names a value in a field — the field is the
 * value, or a list holding it; several fields may be given, any one will do — (the order events whose
 * {@code volunteerId} is the caller's), and — for a stream that follows aggregates — every event
 * about the aggregates it started with or learns of so (a resident's requests: those they had, and each
 * new one whose {@code requesterId} is theirs). A service that streams by a field indexes its outbox on it
 * ({@code payload->'data'->>'<field>'}), and on {@code message_key} when it follows aggregates.
 */
public final class Interest {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private final String topic;
    private final List<String> fields;
    private final String value;
    /** The aggregates followed; null when the stream goes by the field alone. */
    private final Set<String> keys;

    private Interest(String topic, List<String> fields, String value, Set<String> keys) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("name at least one data field");
        }
        fields.stream().filter(field -> !FIELD.matcher(field).matches()).findAny().ifPresent(field -> {
            throw new IllegalArgumentException("not a data field name: " + field);
        });
        this.topic = topic;
        this.fields = List.copyOf(fields);
        this.value = value;
        this.keys = keys;
    }

    /** The events on the topic whose data's {@code field} is {@code value}. */
    public static Interest naming(String topic, String field, String value) {
        return new Interest(topic, List.of(field), value, null);
    }

    /**
     * The events about the aggregates with these keys (the topic's message keys, the events' subjects) and
     * about each aggregate whose event names {@code value} in one of the {@code fields}, from that event on.
     */
    public static Interest following(String topic, Collection<String> keys, String value, String... fields) {
        Set<String> followed = ConcurrentHashMap.newKeySet();
        followed.addAll(keys);
        return new Interest(topic, List.of(fields), value, followed);
    }

    String topic() {
        return topic;
    }

    List<String> fields() {
        return fields;
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
        if (event.data() != null && fields.stream().map(event.data()::path).anyMatch(this::names)) {
            if (keys != null && event.subject() != null) {
                keys.add(event.subject());
            }
            return true;
        }
        return keys != null && event.subject() != null && keys.contains(event.subject());
    }

    private boolean names(JsonNode field) {
        if (field.isArray()) {
            for (JsonNode element : field) {
                if (element.isValueNode() && value.equals(element.asString())) {
                    return true;
                }
            }
            return false;
        }
        return field.isValueNode() && value.equals(field.asString());
    }
}
