package community.dispatch.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What the single-node stack is told through the environment and the command line. Every port and
 * path has a default that fits one developer machine.
 */
record StackSettings(
        Path root,
        Path dataDir,
        boolean reset,
        boolean cluster,
        int postgresPort,
        int kafkaPort,
        int gatewayPort,
        int requestServicePort,
        int volunteerServicePort,
        int memberServicePort,
        int redisPort,
        List<String> javaOptions,
        Duration startTimeout,
        boolean demoData,
        boolean kafkaSecured,
        String kafkaUser,
        boolean statementStatistics,
        Path backupTo,
        Path restoreFrom) {

    /** What {@code ./run.sh --help} prints, and a wrong option after its message: {@code usage.txt} beside these classes. */
    static String usage() {
        try (InputStream in = StackSettings.class.getResourceAsStream("/usage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not read the usage", e);
        }
    }

    static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx384m -XX:+UseSerialGC";

    /** Reads the settings; throws {@link IllegalArgumentException} with a message fit for the user. */
    static StackSettings from(Map<String, String> env, List<String> args) {
        boolean reset = false;
        boolean cluster = false;
        String kafkaUser = null;
        Path backupTo = null;
        Path restoreFrom = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--reset")) {
                reset = true;
            }
            else if (arg.equals("--cluster")) {
                cluster = true;
            }
            else if (arg.equals("--kafka-user") && i + 1 < args.size()) {
                kafkaUser = args.get(++i);
            }
            else if (arg.equals("--backup")) {
                backupTo = i + 1 < args.size() && !args.get(i + 1).startsWith("--") ? Path.of(args.get(++i)) : Path.of("backups");
            }
            else if (arg.equals("--restore") && i + 1 < args.size()) {
                restoreFrom = Path.of(args.get(++i));
            }
            else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if (kafkaUser != null && !cluster) {
            throw new IllegalArgumentException("--kafka-user is for the cluster (--cluster): the single node's broker signs nobody in");
        }
        Path root = Path.of(env.getOrDefault("DISPATCH_ROOT", ".")).toAbsolutePath().normalize();
        Path data = (env.containsKey("DISPATCH_DATA_DIR") ? Path.of(env.get("DISPATCH_DATA_DIR")) : root.resolve(".data"))
                .toAbsolutePath().normalize();
        // run.sh makes the user's paths absolute; a relative one given to the launcher itself is from the repository.
        backupTo = backupTo == null ? null : root.resolve(backupTo).normalize();
        restoreFrom = restoreFrom == null ? null : root.resolve(restoreFrom).normalize();
        if (backupTo != null && (reset || restoreFrom != null)) {
            throw new IllegalArgumentException("--backup is taken of the running stack: it goes with no other option");
        }
        if (restoreFrom != null && reset && restoreFrom.startsWith(data)) {
            throw new IllegalArgumentException("--reset would delete the backup to restore, " + restoreFrom
                    + ": move it out of " + data + " first");
        }
        if (restoreFrom != null && !Files.isRegularFile(restoreFrom)) {
            throw new IllegalArgumentException("no backup file at " + restoreFrom);
        }
        StackSettings settings = new StackSettings(root, data, reset, cluster,
                port(env, "DISPATCH_POSTGRES_PORT", 15432),
                port(env, "DISPATCH_KAFKA_PORT", 19092),
                port(env, "DISPATCH_GATEWAY_PORT", 8080),
                port(env, "DISPATCH_REQUEST_SERVICE_PORT", 8081),
                port(env, "DISPATCH_VOLUNTEER_SERVICE_PORT", 8082),
                port(env, "DISPATCH_MEMBER_SERVICE_PORT", 8083),
                port(env, "DISPATCH_REDIS_PORT", 16379),
                Arrays.stream(env.getOrDefault("DISPATCH_JAVA_OPTS", DEFAULT_JAVA_OPTS).trim().split("\\s+"))
                        .filter(option -> !option.isEmpty())
                        .toList(),
                Duration.ofSeconds(positive(env, "DISPATCH_START_TIMEOUT", 300)),
                !"false".equalsIgnoreCase(env.getOrDefault("DISPATCH_DEMO_DATA", "true").trim()),
                cluster, kafkaUser,
                "true".equalsIgnoreCase(env.getOrDefault("DISPATCH_POSTGRES_STATEMENTS", "false").trim()),
                backupTo, restoreFrom);
        List<Integer> twice = settings.ports().stream().filter(port -> Collections.frequency(settings.ports(), port) > 1)
                .distinct().toList();
        if (!twice.isEmpty()) {
            throw new IllegalArgumentException("the ports overlap at " + twice + ": each process, its actuator (port + 1000), "
                    + "each broker and its controller (port + 1) need a port of their own");
        }
        return settings;
    }

    /** How many instances of each service: two in cluster mode, the second on the first's port + 10. */
    int instances() {
        return cluster ? 2 : 1;
    }

    static int instancePort(int firstPort, int instance) {
        return firstPort + 10 * (instance - 1);
    }

    /**
     * A process's management port (health in detail, metrics), on loopback: its serving port + 1000,
     * as its {@code application.yml}'s default says for the standard ports.
     */
    static int managementPort(int port) {
        return port + 1000;
    }

    /** How many Kafka brokers (each also a KRaft controller). */
    int brokers() {
        return cluster ? 3 : 1;
    }

    /** Broker {@code n} (from 1) listens on this port, its controller on the next. */
    int kafkaPort(int broker) {
        return kafkaPort + 2 * (broker - 1);
    }

    String kafkaBootstrapServers() {
        return IntStream.rangeClosed(1, brokers())
                .mapToObj(broker -> "localhost:" + kafkaPort(broker))
                .collect(Collectors.joining(","));
    }

    /** Where Kafka keeps its data: one folder for the single broker, another for the cluster's three. */
    Path kafkaDir() {
        return dataDir.resolve(cluster ? "kafka-cluster" : "kafka");
    }

    /** Every port the stack listens on, to be checked free before anything starts. */
    List<Integer> ports() {
        List<Integer> ports = new ArrayList<>(List.of(postgresPort));
        for (int broker = 1; broker <= brokers(); broker++) {
            ports.addAll(List.of(kafkaPort(broker), kafkaPort(broker) + 1));
        }
        for (int instance = 1; instance <= instances(); instance++) {
            for (int port : List.of(gatewayPort, requestServicePort, volunteerServicePort, memberServicePort)) {
                ports.add(instancePort(port, instance));
                ports.add(managementPort(instancePort(port, instance)));
            }
        }
        if (cluster) {
            ports.add(redisPort);
        }
        return ports;
    }

    Path logs() {
        return dataDir.resolve("logs");
    }

    /** The secret that signs the members' tokens (member-service) and checks them (the others). */
    Path signingKeySecret() {
        return dataDir.resolve("signing-key-secret");
    }

    /** The secret the gateway signs its calls to the services with. */
    Path edgeSecret() {
        return dataDir.resolve("edge-secret");
    }

    /** The stack's secrets: a backup keeps them, so that tokens and Kafka passwords stay valid after a restore. */
    List<Path> secrets() {
        List<Path> secrets = new ArrayList<>(List.of(signingKeySecret(), edgeSecret(), adminPasswordFile()));
        for (String kafka : List.of("kafka", "kafka-cluster")) {
            Path users = dataDir.resolve(kafka).resolve("users");
            if (Files.isDirectory(users)) {
                try (Stream<Path> files = Files.list(users)) {
                    files.filter(Files::isRegularFile).sorted().forEach(secrets::add);
                }
                catch (IOException e) {
                    throw new UncheckedIOException("could not list " + users, e);
                }
            }
        }
        return secrets.stream().filter(Files::isRegularFile).toList();
    }

    /** Where member-service hands over a generated first admin password: readable only by its owner. */
    Path adminPasswordFile() {
        return dataDir.resolve("admin-password");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        int port = positive(env, name, fallback);
        if (port > 65535) {
            throw new IllegalArgumentException(name + " must be a port number, not " + port);
        }
        return port;
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number <= 0) {
                throw new IllegalArgumentException(name + " must be positive, not " + value);
            }
            return number;
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
    }
}
