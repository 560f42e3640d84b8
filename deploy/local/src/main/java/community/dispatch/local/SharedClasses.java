package community.dispatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a service starts fast: from its jar extracted into {@code <service>/target/app/} (classes in plain jars,
 * which the JVM can share) with an archive of the classes it loads (class-data sharing, CDS, JDK 17+).
 * <p>
 * Measured on this 2-core machine, member-service started in 8.6–8.9 s from its Spring Boot jar, 6.8 s extracted
 * and 4.2–4.8 s extracted with the archive, using a quarter less CPU (17 s instead of 22–23 s). A service killed
 * under load is back that much sooner, and it takes that much less from the survivors.
 * <p>
 * The archive is made once per build: the first start after {@code ./mvnw package} runs without it (with
 * {@code -XX:+RecordDynamicDumpInfo}), and once the services are healthy, before the stack says it is up,
 * {@code jcmd <pid> VM.cds dynamic_dump} writes every class each has loaded (about 5 s of one core per
 * service, once); every later start and every restart maps it. A new jar is extracted again and its old archive dropped. It lives in {@code target/}, so
 * {@code --reset} keeps it and {@code mvn clean} removes it. An archive the JVM finds unusable (another JDK,
 * other options) is ignored with a warning in the service's log and the service starts as without it.
 */
final class SharedClasses {

    private static final Duration EXTRACT_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration DUMP_TIMEOUT = Duration.ofMinutes(2);

    private final Path target;
    private final String name;

    SharedClasses(Path root, String name) {
        this.target = root.resolve(name).resolve("target");
        this.name = name;
    }

    /** The jar {@code ./mvnw package} made. */
    Path built() {
        return target.resolve(name + ".jar");
    }

    /** The extracted jar the service runs from. */
    Path extracted() {
        return target.resolve("app").resolve(name + ".jar");
    }

    /** The archive for this JDK: one made by another cannot be mapped (the JVM says so and starts without it). */
    Path archive() {
        return target.resolve("app").resolve(name + "-jdk" + System.getProperty("java.version") + ".jsa");
    }

    /** Extracts the services' built jars, side by side. */
    static void extractAll(Path root, List<String> names) {
        names.parallelStream().forEach(name -> new SharedClasses(root, name).extract());
    }

    /** Writes the archive of each service that has none, from its running process, side by side. */
    static void archiveAll(Path root, Map<String, ChildProcess> running) {
        List<String> missing = running.keySet().stream()
                .filter(name -> !Files.exists(new SharedClasses(root, name).archive())).toList();
        if (missing.isEmpty()) {
            return;
        }
        Console.say("writing the class archives of %s (once per build: later starts are faster)", String.join(", ", missing));
        missing.parallelStream().forEach(name -> {
            if (!new SharedClasses(root, name).dump(running.get(name).pid())) {
                Console.say("%s: no class archive written; it starts without one", name);
            }
        });
    }

    /** Extracts the built jar, unless the extracted one is from the same build; a new extraction drops the old archive. */
    void extract() {
        try {
            if (Files.exists(extracted()) && !Files.getLastModifiedTime(extracted()).toInstant()
                    .isBefore(Files.getLastModifiedTime(built()).toInstant())) {
                return;
            }
            Host.deleteRecursively(target.resolve("app"));
            run(ChildProcess.java(List.of("-Djarmode=tools", "-jar", built().toString(), "extract",
                    "--destination", target.resolve("app").toString())), EXTRACT_TIMEOUT);
            // Stamped after the build's jar, so a build that starts after this extraction is seen as newer.
            Files.setLastModifiedTime(extracted(), Files.getLastModifiedTime(built()));
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not extract " + built(), e);
        }
    }

    /** The JVM options and jar of a start: the archive when there is one, otherwise what lets {@link #dump} make it. */
    List<String> launch(List<String> javaOptions) {
        List<String> command = new ArrayList<>(javaOptions);
        command.add(Files.exists(archive()) ? "-XX:SharedArchiveFile=" + archive() : "-XX:+RecordDynamicDumpInfo");
        command.addAll(List.of("-jar", extracted().toString()));
        return ChildProcess.java(command);
    }

    /** Writes the archive from the running service's loaded classes, unless one exists; false if it could not. */
    boolean dump(long pid) {
        if (Files.exists(archive())) {
            return true;
        }
        Path partial = archive().resolveSibling(archive().getFileName() + ".partial");
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Files.deleteIfExists(partial);
            if (!Files.isExecutable(jcmd)) {
                return false;
            }
            run(List.of(jcmd.toString(), Long.toString(pid), "VM.cds", "dynamic_dump", partial.toString()), DUMP_TIMEOUT);
            if (!Files.exists(partial)) {
                return false;
            }
            Files.move(partial, archive(), StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
        catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    private static void run(List<String> command, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " took longer than " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue());
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
