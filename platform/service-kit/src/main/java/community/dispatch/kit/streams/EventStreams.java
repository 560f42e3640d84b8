package community.dispatch.kit.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;

import community.dispatch.errors.Throttled;
import community.dispatch.events.CloudEvent;
import community.dispatch.web.limits.StreamQuota;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * Opens Server-Sent Event streams of a service's own events. A stream starts with a {@code retry:} line,
 * then, when the client names the last event it saw ({@code Last-Event-ID}), the events of its interest
 * it missed, read from the outbox, then each new one as this instance reads it from Kafka; every event's
 * {@code id:} is its CloudEvent id. An id the outbox no longer knows, or more missed events than
 * {@code dispatch.streams.replay-limit}, gives one {@code reset} event instead: the client reads the state
 * afresh. Comments keep an idle stream open; the stream ends when the caller's token expires. One caller holds
 * at most {@code dispatch.streams.per-caller} streams open on an instance, and the instance at most
 * {@code per-instance} in all: beyond them a stream is refused (429 {@code too-many-streams}, Retry-After).
 */
public class EventStreams {

    private static final int REMEMBERED_IDS = 1024;

    private final LiveEvents live;
    private final StreamStore store;
    private final StreamProperties properties;
    private final Clock clock;
    private final StreamQuota quota;

    public EventStreams(LiveEvents live, StreamStore store, StreamProperties properties, Clock clock) {
        this.live = live;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.quota = new StreamQuota(properties.perCaller(), properties.perInstance());
    }

    /**
     * How one kind of stream shows events: {@code frame} gives the data for an event of interest (empty:
     * not shown), {@code name} the SSE event name of a frame, {@code reset} the frame that tells a client to
     * read the state afresh.
     */
    public record Framing<T>(Function<CloudEvent, Optional<T>> frame, Function<T, String> name, T reset) {
    }

    /**
     * A stream of the interest's events for the signed-in caller, resuming after {@code lastEventId} (may be null),
     * open until {@code until} (null: no end); refused when the caller or this instance holds too many already.
     */
    public <T> Flux<ServerSentEvent<T>> open(Interest interest, String lastEventId, Instant until, Framing<T> framing) {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication() == null ? null : context.getAuthentication().getName())
                .defaultIfEmpty("anonymous")
                .flatMapMany(caller -> quota.open(caller)
                        ? stream(interest, lastEventId, until, framing).doFinally(signal -> quota.close(caller))
                        : Flux.error(new Throttled("too-many-streams", "You have " + properties.perCaller()
                                + " live streams open already (or this server is full); close one, or try again shortly.",
                                properties.reconnectDelay())));
    }

    private <T> Flux<ServerSentEvent<T>> stream(Interest interest, String lastEventId, Instant until, Framing<T> framing) {
        return Flux.defer(() -> {
            Set<String> sent = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_IDS;
                }
            }));
            // Live events are taken from now on and held while the missed ones are read, so none falls between.
            Sinks.Many<CloudEvent> held = Sinks.many().unicast().onBackpressureBuffer(Queues.<CloudEvent>get(properties.buffer()).get());
            Disposable listening = live.events().filter(interest::matches).subscribe(event -> {
                if (held.tryEmitNext(event).isFailure()) {
                    held.tryEmitError(new IllegalStateException("the client fell more than " + properties.buffer() + " events behind"));
                }
            });
            Function<CloudEvent, Mono<ServerSentEvent<T>>> shown = event -> sent.add(event.id())
                    ? Mono.justOrEmpty(framing.frame().apply(event))
                            .map(data -> ServerSentEvent.builder(data).id(event.id()).event(framing.name().apply(data)).build())
                    : Mono.empty();
            Flux<ServerSentEvent<T>> events = Flux.concat(missed(interest, lastEventId, framing, shown),
                    held.asFlux().concatMap(shown));
            Flux<ServerSentEvent<T>> heartbeats = Flux.interval(properties.heartbeat())
                    .map(beat -> ServerSentEvent.<T>builder().comment("keep-alive").build());
            Flux<ServerSentEvent<T>> stream = Flux.concat(
                    Mono.just(ServerSentEvent.<T>builder().retry(properties.reconnectDelay()).comment("connected").build()),
                    Flux.merge(events, heartbeats));
            Duration left = until == null ? null : Duration.between(clock.instant(), until);
            return (left == null ? stream : stream.take(left.isNegative() ? Duration.ZERO : left))
                    .doFinally(signal -> listening.dispose());
        });
    }

    /** The events missed since the client's last one, or the reset frame when they cannot all be told. */
    private <T> Flux<ServerSentEvent<T>> missed(Interest interest, String lastEventId, Framing<T> framing,
            Function<CloudEvent, Mono<ServerSentEvent<T>>> shown) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return Flux.empty();
        }
        Flux<ServerSentEvent<T>> reset = Flux.just(ServerSentEvent.builder(framing.reset())
                .event(framing.name().apply(framing.reset())).build());
        return store.find(lastEventId)
                .map(mark -> store.since(mark, interest, properties.resumeOverlap(), properties.replayLimit() + 1)
                        .collectList()
                        .flatMapMany(missed -> missed.size() > properties.replayLimit() ? reset
                                : Flux.fromIterable(missed).concatMap(shown)))
                .defaultIfEmpty(reset)
                .flatMapMany(Function.identity());
    }
}
