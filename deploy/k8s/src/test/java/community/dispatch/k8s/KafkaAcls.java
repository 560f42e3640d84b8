package community.dispatch.k8s;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import community.dispatch.events.KafkaAccess;

/** The ACLs {@link KafkaAccess} gives a service, spelled as Strimzi spells them: {@code <type> <pattern> <name> <Operation>}. */
final class KafkaAcls {

    private KafkaAcls() {
    }

    static Set<String> of(KafkaAccess access) {
        Set<String> acls = new TreeSet<>();
        access.writes().forEach(topic -> acls.add("topic literal " + topic + " Write"));
        access.reads().forEach(topic -> acls.add("topic literal " + topic + " Read"));
        access.prefixed().forEach(prefix -> List.of("Read", "Write", "Create").forEach(operation ->
                acls.add("topic prefix " + prefix + " " + operation)));
        acls.add("topic prefix " + KafkaAccess.DESCRIBE_PREFIX + " Describe");
        acls.add("group prefix " + access.groupPrefix() + " Read");
        return acls;
    }
}
