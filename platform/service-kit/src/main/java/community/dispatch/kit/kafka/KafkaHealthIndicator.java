package community.dispatch.kit.kafka;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import reactor.core.publisher.Mono;

/** Up when the broker answers a cluster description within the timeout. */
public class KafkaHealthIndicator extends AbstractReactiveHealthIndicator implements DisposableBean {

    private final Admin admin;
    private final Duration timeout;

    public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
        super("Kafka health check failed");
        this.admin = Admin.create(adminConfig);
        this.timeout = timeout;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) timeout.toMillis());
        return Mono.fromFuture(() -> admin.describeCluster(options).nodes().toCompletionStage().toCompletableFuture())
                .timeout(timeout)
                .map(nodes -> builder.up().withDetail("brokers", nodes.size()).build());
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
