package community.dispatch.local;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts a process of the stack again when it dies while the stack runs — a crash, an out-of-memory
 * kill, a {@code kill -9} — after a pause that doubles with each quick death (1 s up to 30 s) and
 * starts over once a run has lasted a minute. Each death and restart is said on the console.
 * <p>
 * A service is started again gently: at a lower CPU priority until it answers ready (a minute at most), so that on a
 * small machine its start-up (a JVM's busiest minute) does not take the CPU from the instances that stayed up and are
 * serving every call meanwhile. The gateways then give it a growing share of the calls (their slow start).
 */
final class Supervisor {

    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    static final Duration STEADY_RUN = Duration.ofMinutes(1);
    /**
     * The longest a service started again runs at a lower priority: a JVM's start-up is busiest in its first minute,
     * and a start that takes longer (a machine with no CPU to spare) must still end, or the service stays at half
     * its capacity meanwhile.
     */
    static final Duration GENTLE_AT_MOST = Duration.ofMinutes(1);

    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "local-stack-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<ChildProcess, Integer> readinessPorts = new ConcurrentHashMap<>();
    private final Readiness readiness = new Readiness();
    private final boolean canNice = Host.onPath("nice");
    private boolean stopping;

    /** Watches the process's current run; it is started again if that run ends before {@link #stop()}. */
    void watch(ChildProcess child) {
        watch(child, FIRST_PAUSE);
    }

    /** Watches a service that answers ready on this port; it is started again gently ({@code nice}) until it does. */
    void watch(ChildProcess child, int readinessPort) {
        readinessPorts.put(child, readinessPort);
        watch(child);
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
                if (gently(child)) {
                    child.startAgainGently();
                }
                else {
                    child.startAgain();
                }
            }
            catch (RuntimeException e) {
                Console.say("%s could not be started again (%s); trying again in %d s", child.name(), e.getMessage(),
                        nextPause.toSeconds());
                restarts.schedule(() -> restart(child, next(nextPause)), nextPause.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
        }
        Console.say("%s started again (pid %d)%s", child.name(), child.pid(),
                gently(child) ? " at a lower priority until ready" : "");
        watch(child, nextPause);
        if (gently(child)) {
            long pid = child.pid();
            long until = System.nanoTime() + GENTLE_AT_MOST.toNanos();
            restarts.schedule(() -> normalOnceReady(child, pid, until), 1, TimeUnit.SECONDS);
        }
    }

    private boolean gently(ChildProcess child) {
        return canNice && readinessPorts.containsKey(child);
    }

    /**
     * Checks each second whether the run started at {@code pid} answers ready; then — or once {@link #GENTLE_AT_MOST}
     * has passed ({@code until}, in {@link System#nanoTime()}) — it is given its usual priority.
     */
    private void normalOnceReady(ChildProcess child, long pid, long until) {
        if (isStopping() || child.pid() != pid || !child.isAlive()) {
            return;
        }
        if (readiness.ready(readinessPorts.get(child))) {
            child.normalPriority();
            return;
        }
        if (System.nanoTime() - until >= 0) {
            Console.say("%s is not ready after %d s at a lower priority; it starts on at its usual one", child.name(),
                    GENTLE_AT_MOST.toSeconds());
            child.normalPriority();
            return;
        }
        restarts.schedule(() -> normalOnceReady(child, pid, until), 1, TimeUnit.SECONDS);
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
