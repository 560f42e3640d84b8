package community.dispatch.testing;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real single-node KRaft broker running inside the test JVM. */
final class EmbeddedKafka implements KafkaServer {

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    static EmbeddedKafka start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "5"));
        broker.afterPropertiesSet();
        // After the JVM's Spring contexts have closed: stopped before them, their producers wait for it.
        SpringApplication.getShutdownHandlers().add(broker::destroy);
        return new EmbeddedKafka(broker);
    }

    @Override
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }
}
