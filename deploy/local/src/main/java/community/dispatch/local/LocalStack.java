package community.dispatch.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import lombok.RequiredArgsConstructor;

/**
 * The single-node stack: PostgreSQL, a KRaft Kafka broker and the four services, each service in
 * its own process as in production. Started by {@code ./run.sh}; once up, a service or the broker that
 * dies is started again ({@link Supervisor}); SIGTERM or Ctrl-C stops everything it started, services
 * first, then the broker, then the database.
 */
@RequiredArgsConstructor
public final class LocalStack {

    private final StackSettings settings;
    private final List<ChildProcess> services = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Supervisor supervisor = new Supervisor();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private LocalPostgres postgres;
    private ChildProcess kafka;

    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.println(StackSettings.USAGE);
            return;
        }
        StackSettings settings;
        try {
            settings = StackSettings.from(System.getenv(), List.of(args));
        }
        catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(StackSettings.USAGE);
            System.exit(2);
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
        List<Integer> ports = List.of(settings.postgresPort(), settings.kafkaPort(), settings.kafkaControllerPort(),
                settings.gatewayPort(), settings.requestServicePort(), settings.volunteerServicePort(),
                settings.memberServicePort());
        ports.forEach(Host::requireFree);
        if (settings.reset()) {
            Host.deleteRecursively(settings.dataDir());
            Console.say("reset: deleted %s", settings.dataDir());
        }
        Path logs = settings.logs();

        Console.say("starting PostgreSQL on port %d", settings.postgresPort());
        LocalPostgres database = LocalPostgres.start(settings.dataDir().resolve("postgres"), settings.postgresPort(),
                logs.resolve("postgres.log"));
        synchronized (this) {
            postgres = database;
            abortIfStopping();
        }
        postgres.ensureDatabases(List.of("request", "volunteer", "member"));

        Console.say("starting Kafka on port %d", settings.kafkaPort());
        synchronized (this) {
            abortIfStopping();
            kafka = LocalKafka.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(),
                    settings.kafkaControllerPort(), logs.resolve("kafka.log"));
        }
        awaitKafka();

        boolean hadAdminPassword = Files.exists(settings.adminPasswordFile());
        Map<ChildProcess, Integer> healthPorts = new LinkedHashMap<>();
        for (Service service : services()) {
            Console.say("starting %s on port %d", service.name(), service.port());
            synchronized (this) {
                abortIfStopping();
                ChildProcess process = ChildProcess.start(service.name(), service.command(settings),
                        service.environment(settings), logs.resolve(service.name() + ".log"));
                services.add(process);
                healthPorts.put(process, service.port());
            }
        }
        awaitHealthy(healthPorts, System.nanoTime() + settings.startTimeout().toNanos());
        synchronized (this) {
            abortIfStopping();
            supervisor.watch(kafka);
            services.forEach(supervisor::watch);
        }

        double seconds = (System.nanoTime() - started) / 1e9;
        String gateway = "http://localhost:" + settings.gatewayPort();
        System.out.printf("""

                community-dispatch is up in %.1f s
                  gateway            %s
                  API documents      %s/v3/api-docs/{request-service|volunteer-service|member-service}
                  Swagger UI         %s/swagger-ui.html (every service; Authorize with admin)
                  PostgreSQL         localhost:%d (databases request, volunteer, member; user postgres)
                  Kafka              localhost:%d
                  logs               %s
                  data               %s
                %sPress Ctrl-C to stop.
                %n""", seconds, gateway, gateway, gateway, settings.postgresPort(), settings.kafkaPort(), logs, settings.dataDir(),
                Host.firstAdminNotice(settings.adminPasswordFile(), hadAdminPassword));
        System.out.flush();
    }

    /** A stop that began while starting wins: nothing more is started, and what exists is stopped by it. */
    private void abortIfStopping() {
        if (stopping.get()) {
            throw new IllegalStateException("stopped while starting");
        }
    }

    /** The stack's services in start order; the gateway needs the others' addresses. */
    private List<Service> services() {
        String kafkaAddress = "localhost:" + settings.kafkaPort();
        return List.of(
                Service.domain("member-service", settings.memberServicePort(), "member", settings, kafkaAddress),
                Service.domain("request-service", settings.requestServicePort(), "request", settings, kafkaAddress),
                Service.domain("volunteer-service", settings.volunteerServicePort(), "volunteer", settings,
                        kafkaAddress),
                Service.gateway(settings));
    }

    private void awaitKafka() {
        LocalKafka.awaitReady(kafka, settings.kafkaPort(), Duration.ofSeconds(120));
    }

    private void awaitHealthy(Map<ChildProcess, Integer> pending, long deadline) {
        Map<ChildProcess, Integer> waiting = new LinkedHashMap<>(pending);
        while (!waiting.isEmpty()) {
            for (var entry : List.copyOf(waiting.entrySet())) {
                ChildProcess process = entry.getKey();
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.name() + " exited during start-up; the end of "
                            + process.log() + ":\n" + process.tail(40));
                }
                if (ready(entry.getValue())) {
                    Console.say("%s is healthy", process.name());
                    waiting.remove(process);
                }
            }
            if (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not healthy within " + settings.startTimeout().toSeconds()
                            + " s: " + waiting.keySet().stream().map(ChildProcess::name).toList()
                            + " (see their logs in " + settings.logs() + ")");
                }
                Host.pause(Duration.ofMillis(500));
            }
        }
    }

    private boolean ready(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException e) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the services", e);
        }
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
            if (kafka != null) {
                Console.say("stopping Kafka");
                kafka.stop();
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
