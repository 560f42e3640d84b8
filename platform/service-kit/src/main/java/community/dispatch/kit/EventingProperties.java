package community.dispatch.kit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event topics a service declares at start ({@code dispatch.kafka.*}).
 *
 * @param partitions partitions per topic; keys (aggregate ids) keep one aggregate's events in one partition
 * @param replicationFactor copies of each partition: 1 for the single-node stack, 3 in a cluster
 */
@ConfigurationProperties("dispatch.kafka")
public record EventingProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor) {
}
