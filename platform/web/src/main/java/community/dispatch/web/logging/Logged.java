package community.dispatch.web.logging;

import java.util.function.Consumer;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.util.context.ContextView;

/**
 * Log lines that carry the ids of the call or event they belong to.
 * <p>
 * A call's request id and its trace live in its Reactor context, not in the thread that happens to run
 * a step. Restoring them into the logging MDC at every operator on every thread (Reactor's automatic
 * context propagation) cost a tenth of a service's CPU; they are restored here only around the lines
 * that are written, for as long as the line takes. Write a line inside a reactive chain with
 * {@code .doOnEach(Logged.onNext(value -> log.info(…)))}, {@code .then(Logged.line(() -> log.info(…)))}
 * or, where a context is at hand, {@link #in}. A plain {@code log.info(…)} in a lambda still works but
 * has no ids.
 */
public final class Logged {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private Logged() {
    }

    /** Runs the line with the ids found in the context in the logging MDC, and takes them out again after it. */
    public static void in(ContextView context, Runnable line) {
        if (context.isEmpty()) {
            line.run();
            return;
        }
        try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
            line.run();
        }
    }

    /** For {@code doOnEach}: the line for each value, written with the ids of the subscriber's context. */
    public static <T> Consumer<Signal<T>> onNext(Consumer<? super T> line) {
        return signal -> {
            if (signal.isOnNext()) {
                in(signal.getContextView(), () -> line.accept(signal.get()));
            }
        };
    }

    /** For {@code doOnEach}: the line for an error, written with the ids of the subscriber's context. */
    public static <T> Consumer<Signal<T>> onError(Consumer<? super Throwable> line) {
        return signal -> {
            if (signal.isOnError()) {
                in(signal.getContextView(), () -> line.accept(signal.getThrowable()));
            }
        };
    }

    /** A step that writes the line, with the ids of the context it runs in, and completes empty. */
    public static Mono<Void> line(Runnable line) {
        return Mono.deferContextual(context -> {
            in(context, line);
            return Mono.empty();
        });
    }
}
