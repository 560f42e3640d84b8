package community.dispatch.kit.kafka;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.Environment;

/**
 * How a service authenticates to Kafka: with {@code dispatch.kafka.username} set ({@code DISPATCH_KAFKA_USERNAME},
 * with {@code DISPATCH_KAFKA_PASSWORD}), every client it makes — producer, consumers, admin, health check —
 * signs in with SASL/SCRAM ({@code dispatch.kafka.sasl-mechanism}, SCRAM-SHA-512) over
 * {@code dispatch.kafka.security-protocol} (SASL_PLAINTEXT; SASL_SSL where the listener has TLS). The broker's
 * ACLs then decide what it may do ({@code community.dispatch.events.KafkaAccess}). Without a user name the
 * clients connect unauthenticated, as on the single-node stack's loopback broker.
 */
public final class KafkaCredentials implements BeanPostProcessor {

    private final Environment environment;

    public KafkaCredentials(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof KafkaProperties kafka) {
            Binder binder = Binder.get(environment);
            binder.bind("dispatch.kafka.username", String.class).map(String::strip).ifBound(user -> {
                if (user.isEmpty()) {
                    return;
                }
                String password = binder.bind("dispatch.kafka.password", String.class).orElse("");
                if (user.contains("\"") || password.contains("\"")) {
                    throw new IllegalStateException("DISPATCH_KAFKA_USERNAME and DISPATCH_KAFKA_PASSWORD may not contain '\"'");
                }
                kafka.getSecurity().setProtocol(binder.bind("dispatch.kafka.security-protocol", String.class).orElse("SASL_PLAINTEXT"));
                kafka.getProperties().put("sasl.mechanism", binder.bind("dispatch.kafka.sasl-mechanism", String.class)
                        .orElse("SCRAM-SHA-512"));
                kafka.getProperties().put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"" + user + "\" password=\"" + password + "\";");
            });
        }
        return bean;
    }
}
