package community.dispatch.kit.timers;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Wakes the service's {@link DatabaseTimer}s when a due time is written, in this instance or any
 * other: the services' tables notify channel {@value #CHANNEL} from a trigger (function
 * {@code dispatch_wake_timers()}, from the kit's migrations), and this listens on a connection of its
 * own. A lost connection is made again; every (re)connection wakes the timers too, since a
 * notification may have been missed meanwhile.
 */
public class TimerWakeUps extends BackgroundWork {

    public static final String CHANNEL = "dispatch_timers";

    private static final Logger log = LoggerFactory.getLogger(TimerWakeUps.class);

    private final ConnectionFactory connections;
    private final AtomicLong wakes = new AtomicLong();
    private final Sinks.Many<Long> latest = Sinks.many().replay().latest();

    /** Listens through the given factory's own connections (outside its pool, if it is one). */
    public TimerWakeUps(ConnectionFactory connections) {
        this.connections = connections instanceof Wrapped<?> pool && pool.unwrap() instanceof ConnectionFactory direct
                ? direct : connections;
    }

    /** How many wake-ups there have been; pass it to {@link #after(long)}. */
    long count() {
        return wakes.get();
    }

    /** Completes at the first wake-up after {@code seen} was read from {@link #count()} — at once if there was one. */
    Mono<Void> after(long seen) {
        return latest.asFlux().filter(count -> count != seen).next().then();
    }

    @Override
    protected Disposable begin() {
        return Flux.usingWhen(connections.create(), this::listen, Connection::close)
                .repeat()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> log.warn("Listening for timer wake-ups failed; trying again: {}",
                                signal.failure().toString())))
                .subscribe();
    }

    private Flux<Object> listen(Connection connection) {
        PostgresqlConnection postgres = (PostgresqlConnection) connection;
        return postgres.createStatement("LISTEN " + CHANNEL).execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                .then(Mono.fromRunnable(this::wake))
                .thenMany(postgres.getNotifications().doOnNext(notification -> wake()).cast(Object.class));
    }

    private void wake() {
        latest.emitNext(wakes.incrementAndGet(), Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
    }
}
