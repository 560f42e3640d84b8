package community.dispatch.events;

import java.util.List;
import java.util.stream.Stream;

/**
 * Who may do what on Kafka, in one table: each service writes its own topic and reads what it consumes (and
 * writes the dead-letter twins of what it reads), in consumer groups named after it; a municipal system writes
 * its intake topic and nothing else. Every client authenticates (SASL/SCRAM) as its principal. The local
 * cluster ({@code ./run.sh --cluster}) grants these ACLs; the Kubernetes manifests' KafkaUsers are checked
 * against them.
 *
 * @param principal the user name the client authenticates as
 * @param writes topics it writes (literal names)
 * @param reads topics it reads (literal names)
 * @param prefixed topic name prefixes it may read, write and create topics under (request-service: the intake topics)
 * @param groupPrefix consumer groups it may use: this name and any that starts with it; null for none
 */
public record KafkaAccess(String principal, List<String> writes, List<String> reads, List<String> prefixed, String groupPrefix) {

    /** Every service may see that every dispatch topic exists (its Kafka admin checks before creating). */
    public static final String DESCRIBE_PREFIX = "dispatch.";

    public static final KafkaAccess REQUEST_SERVICE = service("request-service", Topics.REQUEST_EVENTS,
            List.of(Topics.REQUEST_EVENTS, Topics.ORDER_EVENTS, Topics.MEMBER_EVENTS), List.of(Topics.INTAKE_PREFIX));

    public static final KafkaAccess VOLUNTEER_SERVICE = service("volunteer-service", Topics.ORDER_EVENTS,
            List.of(Topics.ORDER_EVENTS, Topics.REQUEST_EVENTS, Topics.MEMBER_EVENTS), List.of());

    public static final KafkaAccess MEMBER_SERVICE = service("member-service", Topics.MEMBER_EVENTS,
            List.of(Topics.ORDER_EVENTS, Topics.REQUEST_EVENTS), List.of());

    public static final List<KafkaAccess> SERVICES = List.of(REQUEST_SERVICE, VOLUNTEER_SERVICE, MEMBER_SERVICE);

    public KafkaAccess {
        writes = List.copyOf(writes);
        reads = List.copyOf(reads);
        prefixed = List.copyOf(prefixed);
    }

    /** A municipal system (its client id is its user name): it writes its own intake topic, nothing else. */
    public static KafkaAccess municipalSystem(String clientId) {
        return new KafkaAccess(clientId, List.of(Topics.intakeOf(clientId)), List.of(), List.of(), null);
    }

    private static KafkaAccess service(String name, String own, List<String> reads, List<String> prefixed) {
        List<String> writes = Stream.concat(Stream.of(own), reads.stream().map(Topics::deadLetterOf)).distinct().toList();
        return new KafkaAccess(name, writes, reads, prefixed, name);
    }
}
