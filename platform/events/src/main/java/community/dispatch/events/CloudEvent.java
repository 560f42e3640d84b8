package community.dispatch.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 envelope with JSON data, as it travels in structured mode.
 *
 * @param id unique per event; consumers use it as their idempotency key
 * @param source the producing service, e.g. {@code /request-service}
 * @param type the event type name, see {@link EventCatalog}
 * @param subject the aggregate id, also the Kafka key
 * @param time when it happened
 * @param data the event data as JSON
 * @param externalref extension attribute: the reference a municipal system gave the aggregate (its
 *        ticket id), carried on every event about it so the sender can follow it; absent otherwise
 * @param traceparent extension attribute (CloudEvents distributed tracing): the W3C trace context of
 *        the work that recorded the event, so its consumers continue the same trace; absent when none
 * @param tracestate extension attribute: the W3C {@code tracestate} that goes with it, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        URI source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        JsonNode data,
        String externalref,
        String traceparent,
        String tracestate) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
    /** The Kafka {@code content-type} header of a structured-mode record. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        if (!SPEC_VERSION.equals(specversion)) {
            throw new IllegalArgumentException("unsupported specversion " + specversion);
        }
    }

    /** The same event, recorded as part of the given trace. */
    public CloudEvent withTrace(String parent, String state) {
        return new CloudEvent(specversion, id, source, type, subject, time, datacontenttype, data, externalref, parent,
                state);
    }

    public UUID idAsUuid() {
        return UUID.fromString(id);
    }
}
