package community.dispatch.kit.timers;

import java.time.Duration;
import java.util.function.IntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a round of due work every interval — deadlines, expiries — where the work itself lives in the
 * database and each round claims its rows with {@code FOR UPDATE SKIP LOCKED}: a restart loses
 * nothing, and several instances share the work without doing any of it twice. A round that fills its
 * batch is followed at once by another.
 */
public class DatabaseTimer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseTimer.class);

    private final String name;
    private final Duration interval;
    private final int batch;
    private final IntFunction<Mono<Long>> round;
    private final Disposable.Swap running = Disposables.swap();

    /**
     * @param round does up to the given number of due items and answers how many it did
     */
    public DatabaseTimer(String name, Duration interval, int batch, IntFunction<Mono<Long>> round) {
        this.name = name;
        this.interval = interval;
        this.batch = batch;
        this.round = round;
    }

    @Override
    public void start() {
        running.update(Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> round.apply(batch)
                        .expand(done -> done >= batch ? round.apply(batch) : Mono.empty())
                        .onErrorResume(error -> {
                            log.warn("{} failed; retrying at the next tick: {}", name, error.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe());
    }

    @Override
    public void stop() {
        running.update(Disposables.disposed());
    }

    @Override
    public boolean isRunning() {
        Disposable current = running.get();
        return current != null && !current.isDisposed();
    }
}
