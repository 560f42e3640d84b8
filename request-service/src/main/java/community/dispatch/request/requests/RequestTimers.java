package community.dispatch.request.requests;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fires due timers — SLA deadlines (escalate) and evaluation windows (close) — from the database, so
 * they survive restarts, and with row locks skipped by other instances, so each fires once.
 */
@Component
class RequestTimers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RequestTimers.class);
    private static final int BATCH = 100;

    private final RequestDesk desk;
    private final RequestProperties properties;
    private final Disposable.Swap running = Disposables.swap();

    RequestTimers(RequestDesk desk, RequestProperties properties) {
        this.desk = desk;
        this.properties = properties;
    }

    @Override
    public void start() {
        running.update(Flux.interval(properties.timerInterval(), properties.timerInterval())
                .onBackpressureDrop()
                .concatMap(tick -> desk.fireDueTimers(BATCH)
                        .expand(fired -> fired == BATCH ? desk.fireDueTimers(BATCH) : Mono.empty())
                        .onErrorResume(error -> {
                            log.warn("Request timers failed; retrying at the next tick: {}", error.toString());
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
