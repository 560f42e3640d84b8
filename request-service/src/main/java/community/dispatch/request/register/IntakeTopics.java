package community.dispatch.request.register;

import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import community.dispatch.events.Topics;
import community.dispatch.kit.EventingProperties;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A registered municipal system's intake topic, and its dead-letter twin, made when request-service learns of the
 * registration (the broker's ACLs let the system write that topic alone; request-service may create intake
 * topics). Making one that exists changes nothing.
 */
@Component
class IntakeTopics {

    private static final Logger log = LoggerFactory.getLogger(IntakeTopics.class);

    private final KafkaAdmin admin;
    private final EventingProperties kafka;

    IntakeTopics(KafkaAdmin admin, EventingProperties kafka) {
        this.admin = admin;
        this.kafka = kafka;
    }

    Mono<Void> open(String clientId) {
        if (Topics.systemOfIntake(Topics.INTAKE_PREFIX + clientId).isEmpty()) {
            log.warn("Municipal system {} has a client id no topic can be named after; it cannot forward tickets", clientId);
            return Mono.empty();
        }
        String topic = Topics.intakeOf(clientId);
        return Mono.fromRunnable(() -> admin.createOrModifyTopics(
                        new NewTopic(topic, kafka.partitions(), kafka.replicationFactor()),
                        new NewTopic(Topics.deadLetterOf(topic), kafka.partitions(), kafka.replicationFactor())))
                .subscribeOn(Schedulers.boundedElastic()).then();
    }
}
