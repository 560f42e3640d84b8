package community.dispatch.request.catalogue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import community.dispatch.kit.timers.BackgroundWork;
import community.dispatch.kit.timers.WakeUps;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import lombok.RequiredArgsConstructor;

/**
 * The catalogue as this instance keeps it in memory, so that a submission or a read of the catalogue reads no row: read
 * whole when first needed, and again after any change of a category — one written here is forgotten as soon as its
 * write is done ({@link #forget}); one written anywhere else is told on {@link WakeUps#changes} after its commit (the
 * {@code category_tells_change} trigger), as is a lost listening connection, after which changes may have been missed.
 */
@Component
@RequiredArgsConstructor
class CatalogueCopy extends BackgroundWork {

    private static final String TOLD = "category:";

    private final CategoryStore store;
    private final WakeUps wakeUps;
    /** How many times the copy was forgotten: a read begun before the last time is not kept. */
    private final AtomicLong forgotten = new AtomicLong();
    /** Every category by code, in the catalogue's order (group, then code); null when it must be read again. */
    private volatile Map<String, Category> kept;

    Mono<Map<String, Category>> categories() {
        return Mono.defer(() -> {
            Map<String, Category> current = kept;
            if (current != null) {
                return Mono.just(current);
            }
            long seen = forgotten.get();
            return store.all().collectMap(Category::code, category -> category, LinkedHashMap::new)
                    .map(read -> keep(Collections.unmodifiableMap(read), seen));
        });
    }

    /** Reads the catalogue again when next needed. */
    synchronized void forget() {
        forgotten.incrementAndGet();
        kept = null;
    }

    private synchronized Map<String, Category> keep(Map<String, Category> read, long seen) {
        if (forgotten.get() == seen) {
            kept = read;
        }
        return read;
    }

    @Override
    protected Disposable begin() {
        return wakeUps.changes().filter(change -> change.equals(WakeUps.ANYTHING) || change.startsWith(TOLD))
                .subscribe(change -> forget());
    }
}
