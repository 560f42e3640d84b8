package community.dispatch.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;

import community.dispatch.events.KafkaAccess;

/**
 * Real Kafka brokers from the Kafka jars on the launcher's class path, each a child process that is
 * broker and KRaft controller at once, with its logs kept between runs: one for the single-node
 * stack, three for cluster mode (every partition on all three, written to at least two).
 * <p>
 * Secured (cluster mode), every connection signs in: the brokers among themselves and to their controllers
 * as {@value #BROKER} (SASL/PLAIN, the only super user), the services and municipal systems with SASL/SCRAM
 * as the users {@link KafkaUsers} makes, each allowed only what {@link KafkaAccess} says (the
 * brokers' ACLs; nothing is allowed without one). The single-node stack's broker listens on loopback
 * unauthenticated.
 */
final class LocalKafka {

    /** The brokers' own user: inter-broker and controller connections, and the launcher's administration. */
    static final String BROKER = "broker";

    static final String SCRAM = "SCRAM-SHA-512";

    private LocalKafka() {
    }

    /** Starts broker {@code node} (from 1) of {@code settings.brokers()}, formatting its storage if new. */
    static ChildProcess start(StackSettings settings, int node) {
        boolean cluster = settings.brokers() > 1;
        Path directory = cluster ? settings.kafkaDir().resolve("broker-" + node) : settings.kafkaDir();
        String name = cluster ? "kafka-" + node : "kafka";
        Path log = settings.logs().resolve(name + ".log");
        Path properties = directory.resolve("server.properties");
        Path logging = directory.resolve("log4j2.xml");
        Path logDirs = directory.resolve("logs");
        try {
            Files.createDirectories(logDirs);
            Files.writeString(properties, serverProperties(settings, node, logDirs), StandardCharsets.UTF_8);
            try (InputStream config = LocalKafka.class.getResourceAsStream("/kafka-log4j2.xml")) {
                Files.copy(config, logging, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + directory, e);
        }
        List<String> jvm = List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + logging, "-cp", System.getProperty("java.class.path"));
        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            format(jvm, properties, clusterId(settings), log);
        }
        List<String> command = ChildProcess.java(jvm);
        command.addAll(List.of("kafka.Kafka", properties.toString()));
        return ChildProcess.start(name, command, Map.of(), log);
    }

    /** The id every broker of the cluster is formatted with: made once, kept beside their storage. */
    private static String clusterId(StackSettings settings) {
        Path file = settings.kafkaDir().resolve("cluster-id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String id = Uuid.randomUuid().toString();
            Files.createDirectories(file.getParent());
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not keep Kafka's cluster id in " + file, e);
        }
    }

    /** Waits until every broker is in the cluster, or fails when one of them exits. */
    static void awaitReady(List<ChildProcess> brokers, StackSettings settings, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin(settings)) {
            while (true) {
                for (ChildProcess broker : brokers) {
                    if (!broker.isAlive()) {
                        throw new IllegalStateException(broker.name() + " exited during start-up:\n" + broker.tail(30));
                    }
                }
                try {
                    if (admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size() == brokers.size()) {
                        return;
                    }
                    throw new IllegalStateException("not every broker has joined yet");
                }
                catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not become ready within " + timeout.toSeconds()
                                + " s (see " + brokers.get(0).log() + ")");
                    }
                    Host.pause(Duration.ofMillis(250));
                }
            }
        }
    }

    /** Prepares an empty log directory for KRaft: a new cluster id and this node's metadata. */
    private static void format(List<String> jvm, Path properties, String clusterId, Path log) {
        List<String> command = new ArrayList<>(ChildProcess.java(jvm));
        command.addAll(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                properties.toString()));
        ChildProcess format = ChildProcess.start("kafka-storage-format", command, Map.of(), log);
        try {
            if (!format.process().waitFor(120, TimeUnit.SECONDS) || format.process().exitValue() != 0) {
                format.stop();
                throw new IllegalStateException("formatting Kafka's storage failed:\n" + format.tail(20));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            format.stop();
            throw new IllegalStateException("interrupted while formatting Kafka's storage", e);
        }
    }

    /** An admin client of the cluster: as {@value #BROKER} where the brokers are secured. */
    static Admin admin(StackSettings settings) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        if (settings.kafkaSecured()) {
            config.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
            config.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
            config.put(SaslConfigs.SASL_JAAS_CONFIG, plainLogin(BROKER, brokerSecret(settings)));
        }
        return Admin.create(config);
    }

    private static String brokerSecret(StackSettings settings) {
        return Host.ownerOnlySecret(settings.kafkaDir().resolve("broker-secret"));
    }

    private static String plainLogin(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static String serverProperties(StackSettings settings, int node, Path logDirs) {
        int port = settings.kafkaPort(node);
        int controllerPort = port + 1;
        int copies = settings.brokers();
        // With three copies a write needs two of them: one broker may be down without losing or refusing anything.
        int minInSync = copies > 1 ? 2 : 1;
        String voters = IntStream.rangeClosed(1, copies)
                .mapToObj(voter -> voter + "@localhost:" + (settings.kafkaPort(voter) + 1))
                .collect(Collectors.joining(","));
        return String.join("\n",
                "# Written by the launcher at each start; edit StackSettings, not this file.",
                "process.roles=broker,controller",
                "node.id=" + node,
                "controller.quorum.voters=" + voters,
                settings.kafkaSecured() ? secured(settings, port, controllerPort) : String.join("\n",
                        "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://localhost:" + port,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"),
                "log.dirs=" + logDirs,
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "default.replication.factor=" + copies,
                "min.insync.replicas=" + minInSync,
                "offsets.topic.replication.factor=" + copies,
                "transaction.state.log.replication.factor=" + copies,
                "transaction.state.log.min.isr=" + minInSync,
                "share.coordinator.state.topic.replication.factor=" + copies,
                "share.coordinator.state.topic.min.isr=" + minInSync,
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "");
    }

    /**
     * Every listener signs its clients in: SCRAM for the services and systems (their credentials live in the
     * cluster's metadata), PLAIN for the brokers' own user (in this file only, the one way in before any SCRAM
     * user exists), whom alone the ACLs do not bind. Nothing is allowed without an ACL.
     */
    private static String secured(StackSettings settings, int port, int controllerPort) {
        String brokerLogin = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + BROKER
                + "\" password=\"" + brokerSecret(settings) + "\" user_" + BROKER + "=\"" + brokerSecret(settings) + "\";";
        return String.join("\n",
                "listeners=BROKER://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=BROKER://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=BROKER",
                "listener.security.protocol.map=CONTROLLER:SASL_PLAINTEXT,BROKER:SASL_PLAINTEXT",
                "sasl.mechanism.inter.broker.protocol=PLAIN",
                "sasl.mechanism.controller.protocol=PLAIN",
                "listener.name.broker.sasl.enabled.mechanisms=" + SCRAM + ",PLAIN",
                "listener.name.broker.plain.sasl.jaas.config=" + brokerLogin,
                "listener.name.broker.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
                "listener.name.controller.plain.sasl.jaas.config=" + brokerLogin,
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "super.users=User:" + BROKER,
                "allow.everyone.if.no.acl.found=false");
    }
}
