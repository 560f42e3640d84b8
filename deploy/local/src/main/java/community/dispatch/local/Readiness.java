package community.dispatch.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Waits until the started processes answer ready ({@code /readyz}), or one exits, or the start-up time runs out. */
final class Readiness {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Returns once every process answers ready on its port; throws, with where to look, when one exits first or
     * {@code timeout} passes.
     */
    void await(Map<ChildProcess, Integer> pending, Duration timeout, Path logs) {
        long deadline = System.nanoTime() + timeout.toNanos();
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
                    throw new IllegalStateException("not healthy within " + timeout.toSeconds()
                            + " s: " + waiting.keySet().stream().map(ChildProcess::name).toList()
                            + " (see their logs in " + logs + ")");
                }
                Host.pause(Duration.ofMillis(500));
            }
        }
    }

    /** Whether the process on this port answers ready now. */
    boolean ready(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/readyz"))
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
}
