package community.dispatch.testing;

/** A running Kafka broker. */
public interface KafkaServer {

    String bootstrapServers();
}
