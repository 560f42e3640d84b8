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

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one process) from the Kafka jars
 * on the launcher's class path, run as a child process with its logs kept between runs.
 */
final class LocalKafka {

    private LocalKafka() {
    }

    static ChildProcess start(Path directory, int port, int controllerPort, Path log) {
        Path properties = directory.resolve("server.properties");
        Path logging = directory.resolve("log4j2.xml");
        Path logDirs = directory.resolve("logs");
        try {
            Files.createDirectories(logDirs);
            Files.writeString(properties, serverProperties(port, controllerPort, logDirs), StandardCharsets.UTF_8);
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
            format(jvm, properties, log);
        }
        List<String> command = ChildProcess.java(jvm);
        command.addAll(List.of("kafka.Kafka", properties.toString()));
        return ChildProcess.start("kafka", command, Map.of(), log);
    }

    /** Waits until the broker answers a cluster description. */
    static void awaitReady(ChildProcess broker, int port, Duration timeout) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!broker.isAlive()) {
                    throw new IllegalStateException("Kafka exited during start-up:\n" + broker.tail(30));
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                }
                catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not become ready within " + timeout.toSeconds()
                                + " s (see " + broker.log() + ")");
                    }
                    Host.pause(Duration.ofMillis(250));
                }
            }
        }
    }

    /** Prepares an empty log directory for KRaft: a new cluster id and this node's metadata. */
    private static void format(List<String> jvm, Path properties, Path log) {
        List<String> command = new ArrayList<>(ChildProcess.java(jvm));
        command.addAll(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
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

    private static String serverProperties(int port, int controllerPort, Path logDirs) {
        return String.join("\n",
                "# Written by the single-node stack at each start; edit StackSettings, not this file.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDirs,
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.retention.hours=168",
                "");
    }
}
