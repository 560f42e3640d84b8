package community.dispatch.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.EventCodec;

/**
 * Reads a topic as it stands: every record from the beginning up to the end offsets at the time of
 * the call. What a test sees is exactly what the broker holds, with no waiting for silence.
 */
public final class TopicReader {

    private static final EventCodec CODEC = new EventCodec();

    private TopicReader() {
    }

    private static Map<String, byte[]> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = new HashMap<>();
        record.headers().forEach(header -> headers.put(header.key(), header.value()));
        return headers;
    }

    /**
     * The CloudEvents a topic holds for one key (an aggregate id), in the order they were published; each
     * structured one is first held against the AsyncAPI catalogue ({@link EventContracts}).
     */
    public static List<CloudEvent> events(String topic, Object key) {
        return readAll(topic).stream()
                .filter(record -> key.toString().equals(record.key()))
                .map(record -> {
                    if (record.headers().lastHeader("ce_type") == null) {
                        EventContracts.assertFulfilled(record.value());
                    }
                    return CODEC.read(headers(record), record.value());
                })
                .toList();
    }

    public static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "topic-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
