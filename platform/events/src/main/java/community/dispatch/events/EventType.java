package community.dispatch.events;

/**
 * One CloudEvents {@code type}: its name, the topic it travels on and the record that carries its data.
 */
public record EventType<T extends DomainEvent>(String name, String topic, Class<T> dataClass) {
}
