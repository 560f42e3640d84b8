package community.dispatch.kit.timers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * Fires due work — deadlines, expiries — on time, where the work itself lives in the database and
 * each round claims its rows with {@code FOR UPDATE SKIP LOCKED}: a restart loses nothing, and several
 * instances share the work without doing any of it twice. After a round the timer reads when the
 * next item falls due and sleeps until then; a due time written meanwhile (by any instance) wakes it
 * early ({@link WakeUps}) when it falls due within the wake-ups' horizon. It never sleeps longer than
 * {@code longestSleep} (nor, listening to wake-ups, than their horizon), a safety net for a lost wake-up.
 * A round that fills its batch is followed at once by another.
 */
@RequiredArgsConstructor
public class DatabaseTimer extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(DatabaseTimer.class);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

    /** Does up to {@code limit} items due at {@code now} and answers how many it did. */
    @FunctionalInterface
    public interface Round {
        Mono<Long> run(Instant now, int limit);
    }

    /** The earliest due time later than {@code after}; empty when nothing is waiting. */
    @FunctionalInterface
    public interface NextDue {
        Mono<Instant> after(Instant after);
    }

    private final String name;
    private final Duration longestSleep;
    private final int batch;
    private final Round round;
    private final NextDue nextDue;
    /** Wake-ups when a due time is written; without them the timer sleeps until the next due time it read. */
    private final WakeUps wakeUps;
    private final Clock clock;

    /** A timer for work with no due times of its own (a purge): a round every {@code interval}. */
    public static DatabaseTimer every(String name, Duration interval, int batch, Round round, Clock clock) {
        return new DatabaseTimer(name, interval, batch, round, after -> Mono.empty(), null, clock);
    }

    @Override
    protected Disposable begin() {
        return Mono.defer(this::cycle).repeat().subscribe();
    }

    /** A round (and more while batches fill), then sleep until the next due time or a wake-up. */
    private Mono<Void> cycle() {
        long seen = wakeUps == null ? 0 : wakeUps.count(WakeUps.Channel.TIMERS);
        Instant now = clock.instant();
        return round.run(now, batch)
                .expand(done -> done >= batch ? round.run(clock.instant(), batch) : Mono.empty())
                .then(nextDue.after(now))
                .map(due -> Duration.between(clock.instant(), due))
                .map(untilDue -> untilDue.isNegative() ? Duration.ZERO : min(untilDue, longest()))
                .defaultIfEmpty(longest())
                .flatMap(sleep -> wakeUps == null || sleep.isZero() ? Mono.delay(sleep).then()
                        : Mono.firstWithSignal(Mono.delay(sleep).then(), wakeUps.after(WakeUps.Channel.TIMERS, seen)))
                .onErrorResume(error -> {
                    log.warn("{} failed; trying again in {}: {}", name, PAUSE_AFTER_FAILURE, error.toString());
                    return Mono.delay(PAUSE_AFTER_FAILURE).then();
                });
    }

    /** Only due times within the wake-ups' horizon wake a timer, so one that listens never sleeps past it. */
    private Duration longest() {
        return wakeUps == null ? longestSleep : min(longestSleep, WakeUps.HORIZON);
    }

    private static Duration min(Duration one, Duration other) {
        return one.compareTo(other) <= 0 ? one : other;
    }
}
