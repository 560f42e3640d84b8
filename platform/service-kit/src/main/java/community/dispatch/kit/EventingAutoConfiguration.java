package community.dispatch.kit;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.events.EventCodec;
import community.dispatch.events.Topics;
import community.dispatch.kit.inbox.DeadLettering;
import community.dispatch.kit.inbox.EventInbox;
import community.dispatch.kit.inbox.InboxProperties;
import community.dispatch.kit.inbox.InboxStore;
import community.dispatch.kit.kafka.KafkaCredentials;
import community.dispatch.kit.kafka.KafkaHealthIndicator;
import community.dispatch.kit.outbox.EventPublisher;
import community.dispatch.kit.outbox.KafkaEventPublisher;
import community.dispatch.kit.outbox.Outbox;
import community.dispatch.kit.outbox.OutboxProperties;
import community.dispatch.kit.outbox.OutboxRelay;
import community.dispatch.kit.outbox.OutboxStore;
import community.dispatch.kit.timers.WakeUps;
import community.dispatch.kit.tracing.EventTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Events in and out of a service: the outbox and its relay, the idempotent inbox, the Kafka
 * producer they share (acks from all replicas, idempotent), dead-lettering, the topics, the kit's
 * tables (added to the service's Flyway locations) and a Kafka health check.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class,
        after = { DataR2dbcAutoConfiguration.class, R2dbcTransactionManagerAutoConfiguration.class })
@EnableConfigurationProperties({ OutboxProperties.class, InboxProperties.class, EventingProperties.class })
public class EventingAutoConfiguration {

    /** Every Kafka client of the service signs in as its user, when one is configured ({@link KafkaCredentials}). */
    @Bean
    static KafkaCredentials kafkaCredentials(Environment environment) {
        return new KafkaCredentials(environment);
    }

    /** Where the kit's migrations live; each service's Flyway applies them with its own. */
    public static final String MIGRATIONS = "classpath:db/dispatch-kit";

    @Bean
    FlywayConfigurationCustomizer dispatchKitMigrations() {
        return configuration -> configuration.locations(Stream.concat(
                        Stream.of(configuration.getLocations()).map(Object::toString), Stream.of(MIGRATIONS))
                .distinct()
                .toArray(String[]::new));
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    @ConditionalOnMissingBean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
        return TransactionalOperator.create(transactionManager);
    }

    /** Events leave as bytes (the structured CloudEvent); nothing is acknowledged until every in-sync replica has it. */
    @Bean
    ProducerFactory<String, byte[]> kafkaProducerFactory(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Bean
    KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<String, byte[]> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    /**
     * Consumers read keys as text and values as bytes for the inbox to decode; new groups start at the
     * beginning; a poll brings at most 100 records (a batch listener handles them in one transaction). A
     * consumer that dies without leaving (a {@code kill -9}, a lost node) gives its
     * partitions up after 6 s (the broker's shortest session) rather than Kafka's 45 s, so its
     * restarted self or a sibling takes over at once; {@code spring.kafka.consumer.properties} may say
     * otherwise.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer eventConsumerDefaults() {
        return factory -> {
            Map<String, Object> defaults = new HashMap<>(Map.of(
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100));
            Map<String, Object> configured = factory.getConfigurationProperties();
            if (!configured.containsKey(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)) {
                defaults.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
                defaults.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
            }
            factory.updateConfigs(defaults);
        };
    }

    /** Failed records are retried a bounded number of times, then dead-lettered ({@link DeadLettering}). */
    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, byte[]> kafkaTemplate, InboxProperties inbox,
            ObjectProvider<MeterRegistry> meters) {
        return DeadLettering.errorHandler(kafkaTemplate, inbox, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnMissingBean
    EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
            ObjectProvider<ObservationRegistry> observations) {
        return new EventTracing(tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    KafkaAdmin.NewTopics dispatchTopics(EventingProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.ALL.stream()
                .flatMap(topic -> Stream.of(topic, Topics.deadLetterOf(topic)))
                .map(topic -> new NewTopic(topic, properties.partitions(), properties.replicationFactor()))
                .toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
        return new KafkaHealthIndicator(kafka.buildAdminProperties(), Duration.ofSeconds(3));
    }

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(OutboxStore store, EventCodec codec, EventTracing tracing,
            @Value("${spring.application.name}") String service) {
        return new Outbox(store, codec, tracing, URI.create("/" + service));
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxStore outboxStore(DatabaseClient database) {
        return new OutboxStore(database);
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(KafkaTemplate<String, byte[]> kafkaTemplate, OutboxProperties properties,
            EventTracing tracing) {
        return new KafkaEventPublisher(kafkaTemplate, properties.sendTimeout(), tracing);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "dispatch.outbox.enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(OutboxStore store, EventPublisher publisher, TransactionalOperator transactions,
            OutboxProperties properties, ObjectProvider<WakeUps> wakeUps, ObjectProvider<MeterRegistry> meters) {
        return new OutboxRelay(store, publisher, transactions, properties, wakeUps.getIfAvailable(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnMissingBean
    EventInbox eventInbox(DatabaseClient database, TransactionalOperator transactions, EventCodec codec,
            InboxProperties properties, EventTracing tracing) {
        return new EventInbox(new InboxStore(database), transactions, codec, tracing, properties.effectTimeout());
    }
}
