package community.dispatch.events;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Kafka topic names, fixed by the architecture. */
public final class Topics {

    public static final String REQUEST_EVENTS = "dispatch.request-events";
    public static final String ORDER_EVENTS = "dispatch.order-events";
    public static final String MEMBER_EVENTS = "dispatch.member-events";

    /**
     * The intake: one topic per municipal system, {@code dispatch.intake.<its client id>}. Only that system may
     * write its topic (the broker's ACLs), so the system a ticket comes from is the topic's — whatever the ticket
     * claims — and one system cannot file tickets in another's name.
     */
    public static final String INTAKE_PREFIX = "dispatch.intake.";

    /** The intake channel as the catalogue names it: the address with its parameter. */
    public static final String INTAKE_CHANNEL = INTAKE_PREFIX + "{sourceSystem}";

    /** Every system's intake topic, and no dead-letter topic, as a consumer subscribes to them. */
    public static final String INTAKE_PATTERN = "dispatch\\.intake\\.[a-z0-9][a-z0-9_-]*(?<!-dlt)";

    private static final Pattern INTAKE = Pattern.compile(INTAKE_PATTERN);

    /** The topics the services' own events travel on (each has its dead-letter twin); the intake topics are the systems'. */
    public static final List<String> ALL = List.of(REQUEST_EVENTS, ORDER_EVENTS, MEMBER_EVENTS);

    /** Suffix of the dead-letter topic that error handlers write a topic's unprocessable records to. */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** The intake topic of a municipal system (its client id, lower-case letters, digits, - and _). */
    public static String intakeOf(String sourceSystem) {
        String topic = INTAKE_PREFIX + sourceSystem;
        if (!INTAKE.matcher(topic).matches()) {
            throw new IllegalArgumentException("not a municipal system's client id: " + sourceSystem);
        }
        return topic;
    }

    /** The municipal system an intake topic belongs to; empty for any other topic (a dead-letter one too). */
    public static Optional<String> systemOfIntake(String topic) {
        return topic != null && INTAKE.matcher(topic).matches() ? Optional.of(topic.substring(INTAKE_PREFIX.length()))
                : Optional.empty();
    }
}
