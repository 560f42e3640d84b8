package community.dispatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The launcher, started exactly as ./run.sh starts it, on ports of its own: what the stack tests drive. */
record LaunchedStack(Process launcher, Thread reader, List<String> output, List<ProcessHandle> children) {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();

    static LaunchedStack start(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ROOT.resolve("deploy/local/target/local-stack.jar") + ":" + ROOT.resolve("deploy/local/target/lib/*"),
                "community.dispatch.local.LocalStack"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process launcher = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<Boolean> up = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println("[stack] " + line);
                    output.add(line);
                    if (line.contains("community-dispatch is up")) {
                        up.complete(true);
                    }
                }
            }
            catch (IOException ignored) {
                // the launcher is gone; the exit code tells the rest
            }
            up.complete(false);
        }, "stack-output");
        reader.setDaemon(true);
        reader.start();
        boolean started = up.get(6, TimeUnit.MINUTES);
        assertThat(started).as("the stack came up; its output:%n%s", String.join("\n", output)).isTrue();
        return new LaunchedStack(launcher, reader, output, new CopyOnWriteArrayList<>(launcher.descendants().toList()));
    }

    void stop() throws InterruptedException {
        children.addAll(launcher.descendants().toList()); // those started again, too
        // SIGTERM through the handle: Process.destroy() would also close the pipe we read from.
        launcher.toHandle().destroy();
        if (!launcher.waitFor(3, TimeUnit.MINUTES)) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }

    void assertNothingLeft(Map<String, String> ports) {
        assertThat(launcher.isAlive()).isFalse();
        assertThat(children).as("the services and the broker").isNotEmpty().noneMatch(ProcessHandle::isAlive);
        assertThat(output).anyMatch(line -> line.endsWith("stopped"));
        ports.values().stream().map(Integer::parseInt)
                .forEach(port -> assertThat(free(port)).as("port %d is free", port).isTrue());
        assertThat(free(Integer.parseInt(ports.get("DISPATCH_KAFKA_PORT")) + 1)).isTrue();
    }

    /**
     * Six different free ports, the four processes' management ports (+ 1000) free too, and the port after
     * Kafka's for its controller (the system may offer a port twice).
     */
    static Map<String, String> freePorts() {
        Map<String, String> ports = new HashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (String name : List.of("DISPATCH_GATEWAY_PORT", "DISPATCH_REQUEST_SERVICE_PORT",
                "DISPATCH_VOLUNTEER_SERVICE_PORT", "DISPATCH_MEMBER_SERVICE_PORT")) {
            int port = freePort();
            while (taken.contains(port) || taken.contains(StackSettings.managementPort(port))
                    || !free(StackSettings.managementPort(port))) {
                port = freePort();
            }
            taken.add(port);
            taken.add(StackSettings.managementPort(port));
            ports.put(name, Integer.toString(port));
        }
        int postgres = freePort();
        while (!taken.add(postgres)) {
            postgres = freePort();
        }
        ports.put("DISPATCH_POSTGRES_PORT", Integer.toString(postgres));
        int kafka = freePort();
        while (taken.contains(kafka) || taken.contains(kafka + 1) || !free(kafka + 1)) {
            kafka = freePort();
        }
        ports.put("DISPATCH_KAFKA_PORT", Integer.toString(kafka));
        return ports;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("localhost", port));
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }
}
