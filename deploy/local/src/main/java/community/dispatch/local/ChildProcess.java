package community.dispatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A process of the stack, its output appended to its own log file. It can be started again with the
 * same environment and its command made anew (see {@link Supervisor}); its methods act on the current run.
 */
final class ChildProcess {

    private static final long STOP_GRACE_SECONDS = 30;

    /** How much lower a process started again gently runs: a tenth of the CPU an ordinary one gets when both want it. */
    static final int GENTLE_NICENESS = 10;

    private final String name;
    private final ProcessBuilder builder;
    private final Supplier<List<String>> command;
    private final Path log;
    private volatile Process process;

    private ChildProcess(String name, ProcessBuilder builder, Supplier<List<String>> command, Path log) {
        this.name = name;
        this.builder = builder;
        this.command = command;
        this.log = log;
        this.process = launch();
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log) {
        return start(name, () -> command, environment, log);
    }

    /** A process whose command is made again at each start (a service's options change once its class archive exists). */
    static ChildProcess start(String name, Supplier<List<String>> command, Map<String, String> environment, Path log) {
        try {
            Files.createDirectories(log.getParent());
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        ProcessBuilder builder = new ProcessBuilder()
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ChildProcess(name, builder, command, log);
    }

    /** Starts the command again, after the previous run ended. */
    void startAgain() {
        process = launch();
    }

    /**
     * Starts the command again at a lower CPU priority ({@code nice}): while it starts, the processes that stayed up
     * get the CPU first. {@link #normalPriority} ends it.
     */
    void startAgainGently() {
        process = launch(List.of("nice", "-n", Integer.toString(GENTLE_NICENESS)));
    }

    /**
     * Back to the usual priority, every thread of the current run. Lowering a niceness needs the privilege to (root,
     * or a raised {@code RLIMIT_NICE}); without it the process keeps its lower priority, which is said and harms nothing.
     */
    void normalPriority() {
        Path tasks = Path.of("/proc", Long.toString(pid()), "task");
        List<String> command = new ArrayList<>(List.of("renice", "-n", "0", "-p"));
        try (Stream<Path> threads = Files.list(tasks)) {
            threads.map(thread -> thread.getFileName().toString()).forEach(command::add);
            Process renice = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(renice.getInputStream().readAllBytes()).trim();
            if (renice.waitFor() != 0) {
                Console.say("%s keeps its lower priority: %s", name, output);
            }
        }
        catch (IOException e) {
            Console.say("%s keeps its lower priority: %s", name, e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Process launch() {
        return launch(List.of());
    }

    private Process launch(List<String> prefix) {
        try {
            List<String> line = new ArrayList<>(prefix);
            line.addAll(command.get());
            return builder.command(line).start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** The running JVM's own {@code java}, so children run on the same JDK as the launcher. */
    static List<String> java(List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        return command;
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** Asks the process to stop (SIGTERM); it shuts down gracefully on its own time. */
    void requestStop() {
        process.toHandle().destroy();
    }

    /** Waits for a requested stop, then insists (SIGKILL) on the process and anything it left behind. */
    void awaitStop() {
        Process process = this.process;
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                Console.say("%s did not stop within %d s; killing it", name, STOP_GRACE_SECONDS);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    void stop() {
        requestStop();
        awaitStop();
    }

    /** The last lines of the log, to show why a process failed. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException | UncheckedIOException e) {
            return "(no log at " + log + ")";
        }
    }
}
