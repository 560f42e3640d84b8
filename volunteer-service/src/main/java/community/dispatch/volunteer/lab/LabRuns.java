package community.dispatch.volunteer.lab;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

import community.dispatch.errors.Throttled;
import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the lab for callers of the API: off the event loop, and one trial at a time in each instance (a trial is a second
 * or two of one core), so trying rules never slows dispatch down; a second caller meanwhile is asked to come back.
 */
@Component
public class LabRuns {

    private final Semaphore one = new Semaphore(1);

    public Mono<DispatchLab.Trial> trial(Rule rule, Scoring.Weights weights, long seed, double busy) {
        return Mono.defer(() -> {
            if (!one.tryAcquire()) {
                return Mono.error(new Throttled("lab-busy", "The dispatch lab is running another trial; try again shortly.",
                        Duration.ofSeconds(5)));
            }
            // Free again before the trial is answered: the caller's next call, right after the answer, finds the lab idle.
            // (doFinally alone runs after the answer has gone on its way.) Once, whichever comes first: the trial's end,
            // or a call cancelled or failed before it ran.
            AtomicBoolean held = new AtomicBoolean(true);
            Runnable release = () -> {
                if (held.compareAndSet(true, false)) {
                    one.release();
                }
            };
            return Mono.fromCallable(() -> {
                        try {
                            return DispatchLab.trial(rule, weights, seed, busy);
                        }
                        finally {
                            release.run();
                        }
                    })
                    .subscribeOn(Schedulers.boundedElastic())
                    .doFinally(signal -> release.run());
        });
    }
}
