package community.dispatch.kit.timers;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
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
 * Wakes the service's background work at once when there is something for it, in this instance or any
 * other: PostgreSQL triggers ({@code dispatch_wake(channel)}, from the kit's migrations) notify a
 * {@link Channel} when a due time within the {@link #HORIZON} or an outbox event is written, and this listens
 * on a connection of its own. A lost connection is made again; every (re)connection wakes everyone too, since a
 * notification may have been missed. A service that keeps rows in memory hears of their changes on
 * {@link Channel#CHANGES} ({@link #changes}).
 */
public class WakeUps extends BackgroundWork {

    /** What a notification is about. */
    public enum Channel {
        /** A due time was written: {@link DatabaseTimer}s look again. */
        TIMERS("dispatch_timers"),
        /** An event was recorded: the outbox relay sends it. */
        OUTBOX("dispatch_outbox"),
        /** A row a service keeps in memory changed: the notification's payload says which ({@link #changes}). */
        CHANGES("dispatch_changes");

        private final String name;

        Channel(String name) {
            this.name = name;
        }
    }

    /**
     * How far ahead a written due time wakes the timers: the services' triggers notify only due times within it
     * (their {@code WHEN} says 30 seconds too), so a timer that listens never sleeps longer than this.
     */
    public static final Duration HORIZON = Duration.ofSeconds(30);

    /** What {@link #changes} tells on each (re)connection: changes may have been missed, anything may have changed. */
    public static final String ANYTHING = "*";

    private static final Logger log = LoggerFactory.getLogger(WakeUps.class);

    private final ConnectionFactory connections;
    private final Map<Channel, AtomicLong> counts = new EnumMap<>(Channel.class);
    private final Map<Channel, Sinks.Many<Long>> latest = new EnumMap<>(Channel.class);
    private final Sinks.Many<String> changes = Sinks.many().multicast().directBestEffort();

    /** Listens through the given factory's own connections (outside its pool, if it is one). */
    public WakeUps(ConnectionFactory connections) {
        this.connections = connections instanceof Wrapped<?> pool && pool.unwrap() instanceof ConnectionFactory direct
                ? direct : connections;
        for (Channel channel : Channel.values()) {
            counts.put(channel, new AtomicLong());
            latest.put(channel, Sinks.many().replay().latest());
        }
    }

    /** How many wake-ups the channel has had; pass it to {@link #after}. */
    public long count(Channel channel) {
        return counts.get(channel).get();
    }

    /** Completes at the channel's first wake-up after {@code seen} was read from {@link #count} — at once if there was one. */
    public Mono<Void> after(Channel channel, long seen) {
        return latest.get(channel).asFlux().filter(count -> count != seen).next().then();
    }

    /**
     * The payloads of {@link Channel#CHANGES}' notifications as they come, and {@link #ANYTHING} at each (re)connection.
     * Nothing is kept for a subscriber that is not ready: subscribe before start, request without bound and never block.
     */
    public Flux<String> changes() {
        return changes.asFlux();
    }

    @Override
    protected Disposable begin() {
        return Flux.usingWhen(connections.create(), this::listen, Connection::close)
                .repeat()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
                        .doBeforeRetry(signal -> log.warn("Listening for wake-ups failed; trying again: {}",
                                signal.failure().toString())))
                .subscribe();
    }

    private Flux<Object> listen(Connection connection) {
        PostgresqlConnection postgres = (PostgresqlConnection) connection;
        return Flux.fromArray(Channel.values())
                .concatMap(channel -> postgres.createStatement("LISTEN " + channel.name).execute()
                        .flatMap(PostgresqlResult::getRowsUpdated))
                .then(Mono.fromRunnable(() -> {
                    counts.keySet().forEach(this::wake);
                    tell(ANYTHING);
                }))
                .thenMany(postgres.getNotifications()
                        .doOnNext(notification -> {
                            for (Channel channel : Channel.values()) {
                                if (channel.name.equals(notification.getName())) {
                                    wake(channel);
                                }
                            }
                            if (Channel.CHANGES.name.equals(notification.getName()) && notification.getParameter() != null) {
                                tell(notification.getParameter());
                            }
                        })
                        .cast(Object.class));
    }

    private void tell(String change) {
        changes.emitNext(change, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
    }

    private void wake(Channel channel) {
        latest.get(channel).emitNext(counts.get(channel).incrementAndGet(),
                Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
    }
}
