package community.dispatch.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns domain events into CloudEvents and CloudEvents into bytes and back, following the
 * CloudEvents Kafka protocol binding: structured mode on output, structured or binary mode on input.
 */
public final class EventCodec {

    /** Header prefix of binary-mode attributes in the Kafka protocol binding. */
    static final String BINARY_PREFIX = "ce_";
    static final String CONTENT_TYPE_HEADER = "content-type";

    private final JsonMapper mapper;
    private final Clock clock;

    public EventCodec() {
        this(JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A field without a value is left out, as the catalogue's schemas (optional, not nullable) say.
                .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build(), Clock.systemUTC());
    }

    public EventCodec(JsonMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Wraps the event in a new envelope with a fresh id and the current time. */
    public CloudEvent wrap(DomainEvent event, URI source) {
        return wrap(event, source, null);
    }

    /** The same, carrying an external reference (a municipal ticket id) when there is one. */
    public CloudEvent wrap(DomainEvent event, URI source, String externalRef) {
        EventType<?> type = EventCatalog.of(event);
        return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source, type.name(),
                event.subject(), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), CloudEvent.JSON,
                mapper.valueToTree(event), externalRef, null, null);
    }

    /** The structured-mode JSON of an envelope. */
    public byte[] toStructured(CloudEvent event) {
        return mapper.writeValueAsBytes(event);
    }

    /**
     * Reads a Kafka record value with its headers, in structured mode or, when the headers carry
     * {@code ce_specversion}, in binary mode.
     */
    public CloudEvent read(Map<String, byte[]> headers, byte[] value) {
        if (value == null || value.length == 0) {
            throw new MalformedEventException("empty record");
        }
        if (headers.containsKey(BINARY_PREFIX + "specversion")) {
            return fromBinary(headers, value);
        }
        return fromStructured(value);
    }

    public CloudEvent fromStructured(byte[] value) {
        try {
            CloudEvent event = mapper.readValue(value, CloudEvent.class);
            if (event == null) {
                throw new MalformedEventException("not a CloudEvent: null");
            }
            return event;
        }
        catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new MalformedEventException("not a structured CloudEvent: " + e.getMessage(), e);
        }
    }

    private CloudEvent fromBinary(Map<String, byte[]> headers, byte[] value) {
        try {
            String time = header(headers, "time");
            // The binding carries datacontenttype in the plain content-type header.
            String contentType = headers.containsKey(CONTENT_TYPE_HEADER)
                    ? new String(headers.get(CONTENT_TYPE_HEADER), StandardCharsets.UTF_8) : CloudEvent.JSON;
            JsonNode data = mapper.readTree(value);
            String source = header(headers, "source");
            return new CloudEvent(header(headers, "specversion"), header(headers, "id"),
                    source == null ? null : URI.create(source), header(headers, "type"), header(headers, "subject"),
                    time == null ? null : OffsetDateTime.parse(time), contentType, data, header(headers, "externalref"),
                    header(headers, "traceparent"), header(headers, "tracestate"));
        }
        catch (JacksonException | IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            throw new MalformedEventException("not a binary-mode CloudEvent: " + e.getMessage(), e);
        }
    }

    /** The typed data of a known event type. */
    public DomainEvent data(CloudEvent event) {
        EventType<?> type = EventCatalog.byName(event.type())
                .orElseThrow(() -> new MalformedEventException("unknown event type " + event.type()));
        return data(event, type.dataClass());
    }

    public <T extends DomainEvent> T data(CloudEvent event, Class<T> dataClass) {
        try {
            T data = mapper.treeToValue(event.data(), dataClass);
            if (data == null) {
                throw new MalformedEventException("event " + event.id() + " has no data");
            }
            return data;
        }
        catch (JacksonException | IllegalArgumentException e) {
            throw new MalformedEventException("event " + event.id() + " data is not a " + dataClass.getSimpleName(), e);
        }
    }

    private static String header(Map<String, byte[]> headers, String attribute) {
        byte[] value = headers.get(BINARY_PREFIX + attribute);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
