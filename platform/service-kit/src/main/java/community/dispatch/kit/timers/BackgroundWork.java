package community.dispatch.kit.timers;

import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * Work a service runs in the background for as long as it runs (a relay, a timer): started with the
 * context as subscriptions, stopped by disposing them.
 */
public abstract class BackgroundWork implements SmartLifecycle {

    private final Disposable.Swap running = Disposables.swap();

    /** Starts the work; what it returns is disposed on stop. */
    protected abstract Disposable begin();

    @Override
    public final void start() {
        running.update(begin());
    }

    @Override
    public final void stop() {
        running.update(Disposables.disposed());
    }

    @Override
    public final boolean isRunning() {
        Disposable current = running.get();
        return current != null && !current.isDisposed();
    }
}
