package community.dispatch.kit.streams;

import java.time.Clock;
import java.util.Collection;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.AcknowledgingMessageListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.r2dbc.core.DatabaseClient;

import community.dispatch.events.EventCodec;
import community.dispatch.kit.EventingAutoConfiguration;
import community.dispatch.kit.time.TimeAutoConfiguration;

/**
 * Live streams, for a service that names its stream topics ({@code dispatch.streams.topics}): every
 * instance reads them in full in a consumer group of its own ({@code <service>-live-<random>}), from the
 * end and committing nothing, so each starts with what happens from then on and leaves nothing behind.
 */
@AutoConfiguration(after = { EventingAutoConfiguration.class, TimeAutoConfiguration.class })
@ConditionalOnExpression("!'${dispatch.streams.topics:}'.isEmpty()")
@EnableConfigurationProperties(StreamProperties.class)
public class StreamsAutoConfiguration {

    @Bean
    LiveEvents liveEvents(EventCodec codec) {
        return new LiveEvents(codec);
    }

    @Bean
    EventStreams eventStreams(LiveEvents live, DatabaseClient database, EventCodec codec, StreamProperties properties,
            Clock clock) {
        return new EventStreams(live, new StreamStore(database, codec), properties, clock);
    }

    @Bean
    @SuppressWarnings("unchecked")
    KafkaMessageListenerContainer<String, byte[]> liveEventsListener(ConsumerFactory<?, ?> consumers, LiveEvents live,
            StreamProperties properties, @Value("${spring.application.name}") String service) {
        ContainerProperties container = new ContainerProperties(properties.topics().toArray(String[]::new));
        container.setGroupId(service + "-live-" + UUID.randomUUID());
        container.setClientId(service + "-live");
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        Properties fromTheEnd = new Properties();
        fromTheEnd.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        fromTheEnd.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        container.setKafkaConsumerProperties(fromTheEnd);
        container.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                partitions.forEach(consumer::position); // fixes "the end" now, so nothing recorded from here is skipped
                live.listening(true);
            }

            @Override
            public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                live.listening(false);
            }
        });
        // Never acknowledged: the group keeps no offsets, a restarted instance begins at the end again.
        container.setMessageListener((AcknowledgingMessageListener<String, byte[]>) (record, unused) -> live.received(record));
        return new KafkaMessageListenerContainer<>((ConsumerFactory<String, byte[]>) consumers, container);
    }
}
