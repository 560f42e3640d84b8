package community.dispatch.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the launcher needs of this machine: free ports, its data directory, the processes' log files. */
final class Host {

    private Host() {
    }

    /** member-service prints a generated admin password once, into its log; the user should see it. */
    static String firstAdminNotice(Path log, long from) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(from);
            byte[] added = new byte[(int) Math.min(file.length() - from, 4_000_000)];
            file.readFully(added);
            return new String(added, StandardCharsets.UTF_8).lines()
                    .filter(line -> line.contains("The first admin account was created")
                            || line.contains("It is shown only this once"))
                    .map(line -> "  " + line.trim() + System.lineSeparator())
                    .reduce("", String::concat);
        }
        catch (IOException e) {
            return "";
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        }
        catch (IOException e) {
            return 0;
        }
    }

    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
        }
        catch (IOException e) {
            throw new IllegalStateException("port " + port + " is in use: is the stack already running? "
                    + "Stop it, or choose other ports (./run.sh --help lists the variables).");
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }

    /** The launcher polls a few local ports while it starts; nothing else waits on it. */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
