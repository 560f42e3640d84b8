package community.dispatch.kit.streams;

import java.util.regex.Pattern;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.EventCatalog;
import community.dispatch.events.EventType;

/**
 * What one stream is about: the events on {@code topic} whose data names {@code value} in {@code field},
 * e.g. the order events whose {@code volunteerId} is the caller's. A service that streams by a field
 * indexes its outbox on it ({@code payload->'data'->>'<field>'}).
 */
public record Interest(String topic, String field, String value) {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    public Interest {
        if (!FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("not a data field name: " + field);
        }
    }

    boolean matches(CloudEvent event) {
        return event.data() != null && value.equals(event.data().path(field).asString())
                && EventCatalog.byName(event.type()).map(EventType::topic).filter(topic::equals).isPresent();
    }
}
