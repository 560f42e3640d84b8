package community.dispatch.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import lombok.RequiredArgsConstructor;

/**
 * The stack on one machine: PostgreSQL, a KRaft Kafka broker and the four services, each service in
 * its own process as in production — or, in cluster mode ({@code --cluster}), three brokers, two
 * instances of every service and Redis for the gateways' rate limits. Started by {@code ./run.sh};
 * once up, a service or a broker that dies is started again ({@link Supervisor}); SIGTERM or Ctrl-C
 * stops everything it started, services first, then the brokers, Redis, then the database.
 */
@RequiredArgsConstructor
public final class LocalStack {

    private final StackSettings settings;
    private final List<ChildProcess> services = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Supervisor supervisor = new Supervisor();
    private final List<ChildProcess> brokers = new ArrayList<>();
    private LocalPostgres postgres;
    private LocalRedis redis;

    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.print(StackSettings.usage());
            return;
        }
        StackSettings settings;
        try {
            settings = StackSettings.from(System.getenv(), List.of(args));
        }
        catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(StackSettings.usage());
            System.exit(2);
            return;
        }
        if (settings.kafkaUser() != null) {
            System.exit(StackCommands.grantKafkaUser(settings));
            return;
        }
        if (settings.backupTo() != null) {
            System.exit(StackCommands.backUp(settings));
            return;
        }
        LocalStack stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
        }
        catch (RuntimeException e) {
            Console.say("start-up failed: %s", e.getMessage());
            stack.stop();
            System.exit(1);
        }
        stack.awaitStop();
    }

    void start() {
        long started = System.nanoTime();
        settings.ports().forEach(Host::requireFree);
        if (settings.reset()) {
            Host.deleteRecursively(settings.dataDir());
            Console.say("reset: deleted %s", settings.dataDir());
        }
        if (settings.restoreFrom() != null) {
            Restore.unpack(settings);
        }
        Path logs = settings.logs();
        // While the database and the brokers start: the services' jars extracted for class-data sharing.
        CompletableFuture<Void> extracted = CompletableFuture.runAsync(() -> SharedClasses.extractAll(settings.root(),
                services().stream().map(Service::name).distinct().toList()));

        Console.say("starting PostgreSQL on port %d", settings.postgresPort());
        LocalPostgres database = LocalPostgres.start(settings.dataDir().resolve("postgres"), settings.postgresPort(),
                logs.resolve("postgres.log"), settings.statementStatistics());
        synchronized (this) {
            postgres = database;
            abortIfStopping();
        }
        List<String> databases = List.of("request", "volunteer", "member");
        postgres.ensureDatabases(databases);
        if (settings.restoreFrom() != null) {
            Restore.republish(postgres, databases);
        }

        if (settings.cluster()) {
            Console.say("starting Redis on port %d", settings.redisPort());
            synchronized (this) {
                abortIfStopping();
                redis = LocalRedis.start(settings.redisPort());
            }
        }
        for (int broker = 1; broker <= settings.brokers(); broker++) {
            Console.say("starting Kafka%s on port %d", settings.cluster() ? " broker " + broker : "",
                    settings.kafkaPort(broker));
            synchronized (this) {
                abortIfStopping();
                brokers.add(LocalKafka.start(settings, broker));
            }
        }
        LocalKafka.awaitReady(brokers, settings, Duration.ofSeconds(120));
        if (settings.kafkaSecured()) {
            Console.say("giving the services their Kafka users and ACLs");
            KafkaUsers.secure(settings);
        }

        boolean hadAdminPassword = Files.exists(settings.adminPasswordFile());
        Map<ChildProcess, Integer> healthPorts = new LinkedHashMap<>();
        Map<String, ChildProcess> firstInstances = new LinkedHashMap<>();
        extracted.join();
        for (Service service : services()) {
            Console.say("starting %s on port %d", service.label(), service.port());
            synchronized (this) {
                abortIfStopping();
                ChildProcess process = ChildProcess.start(service.label(), () -> service.command(settings),
                        service.environment(settings), logs.resolve(service.label() + ".log"));
                services.add(process);
                healthPorts.put(process, service.port());
                firstInstances.putIfAbsent(service.name(), process);
            }
        }
        new Readiness().await(healthPorts, settings.startTimeout(), logs);
        SharedClasses.archiveAll(settings.root(), firstInstances);
        synchronized (this) {
            abortIfStopping();
            brokers.forEach(supervisor::watch);
            healthPorts.forEach(supervisor::watch);
        }

        double seconds = (System.nanoTime() - started) / 1e9;
        String gateway = "http://localhost:" + settings.gatewayPort();
        System.out.printf("""

                community-dispatch is up in %.1f s%s
                  gateway            %s
                  office console     %s/console/ (staff, team leaders, grid workers; sign in as admin first)
                  API documents      %s/v3/api-docs/{request-service|volunteer-service|member-service}
                  Swagger UI         %s/swagger-ui.html (every service; Authorize with admin)
                  PostgreSQL         localhost:%d (databases request, volunteer, member; user postgres)
                  Kafka              %s
                  logs               %s
                  data               %s
                %sPress Ctrl-C to stop.
                %n""", seconds, settings.cluster() ? clusterNotice() : "", gateway, gateway, gateway, gateway, settings.postgresPort(),
                settings.kafkaBootstrapServers(), logs, settings.dataDir(),
                Host.firstAdminNotice(settings.adminPasswordFile(), hadAdminPassword));
        System.out.flush();
    }

    /** A stop that began while starting wins: nothing more is started, and what exists is stopped by it. */
    private void abortIfStopping() {
        if (stopping.get()) {
            throw new IllegalStateException("stopped while starting");
        }
    }

    private String clusterNotice() {
        return String.format(" in cluster mode: %d brokers, %d instances of each service (second on port + 10),"
                + "%n  a second gateway on %d, rate limits in Redis on %d", settings.brokers(), settings.instances(),
                StackSettings.instancePort(settings.gatewayPort(), 2), settings.redisPort());
    }

    /** The stack's processes in start order; the gateways need the others' addresses. */
    private List<Service> services() {
        List<Service> services = new ArrayList<>();
        for (int instance = 1; instance <= settings.instances(); instance++) {
            services.add(Service.domain("member-service", settings.memberServicePort(), instance, "member", settings));
            services.add(Service.domain("request-service", settings.requestServicePort(), instance, "request", settings));
            services.add(Service.domain("volunteer-service", settings.volunteerServicePort(), instance, "volunteer",
                    settings));
        }
        for (int instance = 1; instance <= settings.instances(); instance++) {
            services.add(Service.gateway(instance, settings));
        }
        return services;
    }

    void awaitStop() {
        try {
            stopped.await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops what was started, in reverse order; safe to call more than once. */
    void stop() {
        boolean first;
        synchronized (this) {
            first = stopping.compareAndSet(false, true);
        }
        if (!first) {
            awaitStop();
            return;
        }
        try {
            supervisor.stop();
            if (!services.isEmpty()) {
                Console.say("stopping the services");
                services.forEach(ChildProcess::requestStop);
                services.forEach(ChildProcess::awaitStop);
            }
            if (!brokers.isEmpty()) {
                Console.say("stopping Kafka");
                brokers.forEach(ChildProcess::requestStop);
                brokers.forEach(ChildProcess::awaitStop);
            }
            if (redis != null) {
                Console.say("stopping Redis");
                redis.close();
            }
            if (postgres != null) {
                Console.say("stopping PostgreSQL");
                postgres.close();
            }
            Console.say("stopped");
        }
        finally {
            stopped.countDown();
        }
    }
}
