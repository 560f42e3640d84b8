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

/**
 * Real Kafka brokers from the Kafka jars on the launcher's class path, each a child process that is
 * broker and KRaft controller at once, with its logs kept between runs: one for the single-node
 * stack, three for cluster mode (every partition on all three, written to at least two).
 */
final class LocalKafka {

    private LocalKafka() {
    }

    /** Starts broker {@code node} (from 1) of {@code settings.brokers()}, formatting its storage if new. */
    static ChildProcess start(StackSettings settings, int node) {
        boolean cluster = settings.brokers() > 1;
        Path directory = cluster ? settings.dataDir().resolve("kafka-cluster").resolve("broker-" + node)
                : settings.dataDir().resolve("kafka");
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
        Path file = settings.dataDir().resolve(settings.brokers() > 1 ? "kafka-cluster" : "kafka").resolve("cluster-id");
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
    static void awaitReady(List<ChildProcess> brokers, String bootstrapServers, Duration timeout) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(config)) {
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
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
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
}
