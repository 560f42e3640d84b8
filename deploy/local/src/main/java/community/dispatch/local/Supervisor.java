package community.dispatch.local;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts a process of the stack again when it dies while the stack runs — a crash, an out-of-memory
 * kill, a {@code kill -9} — after a pause that doubles with each quick death (1 s up to 30 s) and
 * starts over once a run has lasted a minute. Each death and restart is said on the console.
 */
final class Supervisor {

    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    static final Duration STEADY_RUN = Duration.ofMinutes(1);

    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "local-stack-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private boolean stopping;

    /** Watches the process's current run; it is started again if that run ends before {@link #stop()}. */
    void watch(ChildProcess child) {
        watch(child, FIRST_PAUSE);
    }

    private void watch(ChildProcess child, Duration pause) {
        long started = System.nanoTime();
        Process run = child.process();
        run.onExit().thenRun(() -> {
            if (isStopping()) {
                return;
            }
            boolean ranSteadily = System.nanoTime() - started > STEADY_RUN.toNanos();
            Duration wait = ranSteadily ? FIRST_PAUSE : pause;
            Console.say("%s (pid %d) exited unexpectedly with code %d; starting it again in %d s (see %s)",
                    child.name(), run.pid(), run.exitValue(), wait.toSeconds(), child.log());
            restarts.schedule(() -> restart(child, next(wait)), wait.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void restart(ChildProcess child, Duration nextPause) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            try {
                child.startAgain();
            }
            catch (RuntimeException e) {
                Console.say("%s could not be started again (%s); trying again in %d s", child.name(), e.getMessage(),
                        nextPause.toSeconds());
                restarts.schedule(() -> restart(child, next(nextPause)), nextPause.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
        }
        Console.say("%s started again (pid %d)", child.name(), child.pid());
        watch(child, nextPause);
    }

    private static Duration next(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    /** No process is started again from now on; a restart under way completes first. */
    void stop() {
        synchronized (this) {
            stopping = true;
        }
        restarts.shutdownNow();
    }
}
