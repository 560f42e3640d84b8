package community.dispatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import community.dispatch.events.KafkaAccess;
import community.dispatch.events.Topics;

/**
 * Who may do what on the secured cluster (cluster mode): the services' topics made up front, and a SCRAM user
 * for each service and registered municipal system with exactly the ACLs {@link KafkaAccess} lists. The brokers
 * ({@link LocalKafka}) allow nothing without an ACL.
 */
final class KafkaUsers {

    private KafkaUsers() {
    }

    /**
     * Makes the cluster ready for the services: every topic of theirs (and its dead-letter twin), and a user for
     * each service with the ACLs {@link KafkaAccess} gives it (their passwords kept beside the brokers, readable
     * only by their owner, the same at every start), and again each municipal system's user. Each step may be
     * repeated.
     */
    static void secure(StackSettings settings) {
        try (Admin admin = LocalKafka.admin(settings)) {
            List<NewTopic> topics = Topics.ALL.stream()
                    .flatMap(topic -> Stream.of(topic, Topics.deadLetterOf(topic)))
                    .map(topic -> new NewTopic(topic, 3, (short) settings.brokers())).toList();
            admin.createTopics(topics).values().values().forEach(KafkaUsers::ignoringExisting);
            for (KafkaAccess access : KafkaAccess.SERVICES) {
                grant(admin, access, password(settings, access.principal()));
            }
            // Municipal systems given a user before (--kafka-user) keep it, on new brokers too (after --restore).
            for (String system : municipalSystems(settings)) {
                grant(admin, KafkaAccess.municipalSystem(system), password(settings, system));
            }
        }
    }

    /** The municipal systems whose passwords are kept beside the brokers. */
    private static List<String> municipalSystems(StackSettings settings) {
        Set<String> services = KafkaAccess.SERVICES.stream().map(KafkaAccess::principal).collect(Collectors.toSet());
        Path users = settings.kafkaDir().resolve("users");
        if (!Files.isDirectory(users)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(users)) {
            return files.map(file -> file.getFileName().toString()).filter(user -> !services.contains(user)).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not list " + users, e);
        }
    }

    /** The password a service's (or system's) user has in the cluster: made once, kept readable by its owner only. */
    static String password(StackSettings settings, String user) {
        return Host.ownerOnlySecret(settings.kafkaDir().resolve("users").resolve(user));
    }

    /** Makes (or updates) the user with the password and gives it exactly the ACLs {@code access} lists. */
    static void grant(Admin admin, KafkaAccess access, String password) {
        try {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(access.principal(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password))).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(acls(access)).all().get(30, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new IllegalStateException("could not give Kafka user " + access.principal() + " its access: " + e.getMessage(), e);
        }
    }

    /** The ACLs that give a user what {@link KafkaAccess} lists, and nothing more. */
    static List<AclBinding> acls(KafkaAccess access) {
        String user = "User:" + access.principal();
        List<AclBinding> acls = new ArrayList<>();
        access.writes().forEach(topic -> acls.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, user, AclOperation.WRITE)));
        access.reads().forEach(topic -> acls.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, user, AclOperation.READ)));
        for (String prefix : access.prefixed()) {
            for (AclOperation operation : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE)) {
                acls.add(allow(ResourceType.TOPIC, prefix, PatternType.PREFIXED, user, operation));
            }
        }
        if (access.groupPrefix() != null) {
            acls.add(allow(ResourceType.TOPIC, KafkaAccess.DESCRIBE_PREFIX, PatternType.PREFIXED, user, AclOperation.DESCRIBE));
            acls.add(allow(ResourceType.GROUP, access.groupPrefix(), PatternType.PREFIXED, user, AclOperation.READ));
        }
        return acls;
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String user, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(user, "*", operation, AclPermissionType.ALLOW));
    }

    private static void ignoringExisting(KafkaFuture<Void> creation) {
        try {
            creation.get(30, TimeUnit.SECONDS);
        }
        catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create a topic: " + e.getCause().getMessage(), e);
            }
        }
        catch (Exception e) {
            throw new IllegalStateException("could not create a topic: " + e.getMessage(), e);
        }
    }
}
