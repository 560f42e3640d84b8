package community.dispatch.kit.timers;

import java.time.Duration;
import java.util.function.IntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * Runs a round of due work every interval — deadlines, expiries — where the work itself lives in the
 * database and each round claims its rows with {@code FOR UPDATE SKIP LOCKED}: a restart loses
 * nothing, and several instances share the work without doing any of it twice. A round that fills its
 * batch is followed at once by another.
 */
@RequiredArgsConstructor
public class DatabaseTimer extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(DatabaseTimer.class);

    private final String name;
    private final Duration interval;
    private final int batch;
    /** Does up to the given number of due items and answers how many it did. */
    private final IntFunction<Mono<Long>> round;

    @Override
    protected Disposable begin() {
        return Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> round.apply(batch)
                        .expand(done -> done >= batch ? round.apply(batch) : Mono.empty())
                        .onErrorResume(error -> {
                            log.warn("{} failed; retrying at the next tick: {}", name, error.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
    }
}
