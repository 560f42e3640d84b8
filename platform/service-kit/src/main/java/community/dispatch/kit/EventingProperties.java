package community.dispatch.kit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event topics a service declares at start ({@code dispatch.kafka.*}).
 *
 * @param partitions partitions per topic; keys (aggregate ids) keep one aggregate's events in one partition
 * @param replicationFactor copies of each partition: 1 for the single-node stack, 3 in a cluster
 * @param username the Kafka user the service signs in as (SASL/SCRAM); none: unauthenticated ({@code KafkaCredentials})
 * @param password that user's password
 * @param securityProtocol how it connects when it signs in: SASL_PLAINTEXT, or SASL_SSL
 * @param saslMechanism SCRAM-SHA-512 (or SCRAM-SHA-256)
 */
@ConfigurationProperties("dispatch.kafka")
public record EventingProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        String username,
        String password,
        @DefaultValue("SASL_PLAINTEXT") String securityProtocol,
        @DefaultValue("SCRAM-SHA-512") String saslMechanism) {
}
