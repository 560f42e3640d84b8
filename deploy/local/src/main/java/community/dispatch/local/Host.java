package community.dispatch.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
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
                    + "  Change it at your first sign-in (POST /api/v1/auth/password; until then it opens nothing else).%n"
                    + "  Kept only in %s (readable by you alone); set DISPATCH_ADMIN_PASSWORD to choose it.%n",
                    Files.readString(passwordFile).trim(), passwordFile);
        }
        catch (IOException e) {
            return String.format("  The first admin's password is in %s.%n", passwordFile);
        }
    }

    /** The secret kept in the file, made (random, readable by its owner only) on first use. */
    static String ownerOnlySecret(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            }
            return Files.readString(file).trim();
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not keep a secret in " + file, e);
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
    /** Whether a command of this name is on the {@code PATH}. */
    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(folder -> !folder.isEmpty() && Files.isExecutable(Path.of(folder, command)));
    }

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
