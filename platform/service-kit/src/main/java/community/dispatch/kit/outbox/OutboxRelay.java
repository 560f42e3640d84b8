package community.dispatch.kit.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.kit.timers.BackgroundWork;
import community.dispatch.kit.timers.WakeUps;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * Publishes recorded events. Each round claims due events in a transaction (row locks, skipping
 * rows other instances hold), sends them, waits for the broker's acknowledgement ({@code acks=all})
 * and marks them published before committing. A relay that dies between send and mark leaves its
 * rows unpublished, so they are sent again: delivery is at least once, and consumers' idempotency
 * guards absorb the duplicate. A failed send puts the event back with an exponential backoff; the
 * key's later events wait behind it, which keeps their order. Every 10 s it reads the backlog for the
 * gauges {@code dispatch.outbox.pending} and {@code dispatch.outbox.oldest.age}.
 */
@RequiredArgsConstructor
public class OutboxRelay extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration BACKLOG_INTERVAL = Duration.ofSeconds(10);

    private final OutboxStore store;
    private final EventPublisher publisher;
    private final TransactionalOperator transactions;
    private final OutboxProperties properties;
    /** Wake-ups when an event is recorded; without them the relay polls. */
    private final WakeUps wakeUps;
    private final MeterRegistry meters;
    /** The last backlog read, which the gauges show; every instance reads the same table. */
    private final AtomicReference<OutboxStore.Backlog> backlog = new AtomicReference<>(new OutboxStore.Backlog(0, 0));

    /**
     * Relays until nothing is due; completes with the number of events sent. A round that did not fill its batch
     * and freed no later event of a key ends it: an empty round is never run just to find that out (an event
     * recorded meanwhile wakes the relay again).
     */
    public Mono<Long> drain() {
        return round()
                .expand(round -> round.more() ? round() : Mono.empty())
                .reduce(0L, (sent, round) -> sent + round.sent());
    }

    /** One round: claim, send, mark; completes with the number of events published. */
    public Mono<Long> relayBatch() {
        return round().map(Round::sent);
    }

    private Mono<Round> round() {
        return transactions.transactional(store.claim(properties.batchSize())
                .flatMapSequential(event -> publisher.publish(event)
                        .then(Mono.just(Outcome.sent(event)))
                        .onErrorResume(error -> Mono.just(Outcome.failed(event, error))))
                .collectList()
                .flatMap(outcomes -> record(outcomes).map(sent -> new Round(sent, mayHaveLeftMore(outcomes)))));
    }

    /** A full batch may have left events behind; a sent event may have freed the next one of its key. */
    private boolean mayHaveLeftMore(List<Outcome> outcomes) {
        return outcomes.size() >= properties.batchSize()
                || outcomes.stream().anyMatch(outcome -> outcome.error() == null && outcome.event().followed());
    }

    /** What a round did: events published (or put back), and whether more may be due at once. */
    private record Round(long sent, boolean more) {
    }

    private Mono<Long> record(List<Outcome> outcomes) {
        List<UUID> published = new ArrayList<>();
        List<Outcome> failed = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome.error() == null) {
                published.add(outcome.event().id());
            }
            else {
                failed.add(outcome);
            }
        }
        return Flux.fromIterable(failed)
                .concatMap(outcome -> {
                    log.warn("Publishing event {} ({}) to {} failed, attempt {}: {}", outcome.event().id(),
                            outcome.event().type(), outcome.event().topic(), outcome.event().attempts() + 1,
                            outcome.error().toString());
                    return store.markFailed(outcome.event(), outcome.error().toString(), properties.initialBackoff(),
                            properties.maxBackoff());
                })
                .then(store.markPublished(published))
                .map(count -> count + failed.size());
    }

    /**
     * Drains, then sleeps until an event is recorded ({@link WakeUps}, from any instance) or the poll
     * interval has passed — which also brings back events whose retry is due.
     */
    @Override
    protected Disposable begin() {
        Disposable polling = Mono.defer(() -> {
                    long seen = wakeUps == null ? 0 : wakeUps.count(WakeUps.Channel.OUTBOX);
                    Mono<Void> pause = Mono.delay(properties.pollInterval()).then();
                    return drain()
                            .onErrorResume(error -> {
                                log.warn("Outbox relay round failed; retrying at the next poll: {}", error.toString());
                                return Mono.empty();
                            })
                            .then(wakeUps == null ? pause
                                    : Mono.firstWithSignal(pause, wakeUps.after(WakeUps.Channel.OUTBOX, seen)));
                })
                .repeat()
                .subscribe();
        Gauge.builder("dispatch.outbox.pending", backlog, last -> last.get().pending())
                .description("Events recorded but not yet published (the service's whole outbox)").baseUnit("events")
                .register(meters);
        Gauge.builder("dispatch.outbox.oldest.age", backlog, last -> last.get().oldestSeconds())
                .description("How long the oldest unpublished event has waited").baseUnit("seconds")
                .register(meters);
        Disposable measuring = Flux.interval(Duration.ZERO, BACKLOG_INTERVAL)
                .onBackpressureDrop()
                .concatMap(tick -> store.backlog().onErrorResume(error -> Mono.empty()), 1)
                .subscribe(backlog::set);
        return Disposables.composite(polling, measuring);
    }

    /** Starts after the rest of the context and stops before the Kafka producer closes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    private record Outcome(PendingEvent event, Throwable error) {

        static Outcome sent(PendingEvent event) {
            return new Outcome(event, null);
        }

        static Outcome failed(PendingEvent event, Throwable error) {
            return new Outcome(event, error);
        }
    }
}
