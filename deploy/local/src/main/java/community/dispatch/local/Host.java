package community.dispatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the launcher needs of this machine: free ports, its data directory, the processes' log files. */
final class Host {

    private Host() {
    }

    /**
     * The first admin's generated password, if member-service wrote it during this start: shown on the
     * terminal, never in a log. The file stays, readable only by its owner.
     */
    static String firstAdminNotice(Path passwordFile, boolean existedBefore) {
        if (existedBefore || !Files.exists(passwordFile)) {
            return "";
        }
        try {
            return String.format("  The first admin account was created: username 'admin', password '%s'.%n"
                    + "  Kept only in %s (readable by you alone); set DISPATCH_ADMIN_PASSWORD to choose it.%n",
                    Files.readString(passwordFile).trim(), passwordFile);
        }
        catch (IOException e) {
            return String.format("  The first admin's password is in %s.%n", passwordFile);
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
