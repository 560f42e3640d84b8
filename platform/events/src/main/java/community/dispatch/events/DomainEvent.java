package community.dispatch.events;

/**
 * The data of one event type. Each implementation is a record named in the past tense and listed
 * in {@link EventCatalog}, which gives its CloudEvents {@code type} and its topic.
 */
public interface DomainEvent {

    /** The id of the aggregate the event is about: the CloudEvents {@code subject} and the Kafka key. */
    String subject();
}
