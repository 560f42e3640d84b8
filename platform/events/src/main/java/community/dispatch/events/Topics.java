package community.dispatch.events;

import java.util.List;

/** Kafka topic names, fixed by the architecture. */
public final class Topics {

    public static final String REQUEST_EVENTS = "dispatch.request-events";
    public static final String ORDER_EVENTS = "dispatch.order-events";
    public static final String MEMBER_EVENTS = "dispatch.member-events";
    public static final String INTAKE = "dispatch.intake";

    /** Every topic events travel on (each has its dead-letter twin). */
    public static final List<String> ALL = List.of(REQUEST_EVENTS, ORDER_EVENTS, MEMBER_EVENTS, INTAKE);

    /** Suffix of the dead-letter topic that error handlers write a topic's unprocessable records to. */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
