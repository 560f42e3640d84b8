package community.dispatch.testing;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** A KRaft Kafka broker in a container, for machines where a Docker daemon answers. */
final class ContainerKafka implements KafkaServer {

    private static final DockerImageName IMAGE = DockerImageName.parse("apache/kafka:4.1.1");

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
    static ContainerKafka start() {
        KafkaContainer container = new KafkaContainer(IMAGE);
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }
}
