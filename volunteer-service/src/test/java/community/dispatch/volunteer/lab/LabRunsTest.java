package community.dispatch.volunteer.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import community.dispatch.errors.Throttled;
import community.dispatch.volunteer.dispatching.domain.Rule;
import community.dispatch.volunteer.dispatching.domain.Scoring;
import reactor.core.Disposable;

/** One trial at a time, and free again by the time a trial is answered. */
class LabRunsTest {

    private static final Rule SEWING = LabWeek.defaultRules().get("sewing-mending");

    private final LabRuns runs = new LabRuns();

    @Test
    void aCallerMayTryAgainAsSoonAsTheirTrialIsAnswered() {
        // The second trial starts the moment the first is answered, as a caller's next call right after the answer.
        DispatchLab.Trial second = runs.trial(SEWING, Scoring.Weights.DEFAULT, 1, 1)
                .flatMap(first -> runs.trial(SEWING, Scoring.Weights.DEFAULT, 2, 1))
                .block();

        assertThat(second.seed()).isEqualTo(2);
    }

    @Test
    void aSecondCallerMeanwhileIsAskedToComeBack() {
        // Subscribing takes the lab at once; the trial itself runs on another thread for a second or more.
        Disposable first = runs.trial(SEWING, Scoring.Weights.DEFAULT, 1, 3).subscribe();

        assertThatThrownBy(() -> runs.trial(SEWING, Scoring.Weights.DEFAULT, 2, 1).block()).isInstanceOf(Throttled.class);
        first.dispose();
    }

    @Test
    void aTrialCancelledBeforeItRanLeavesTheLabFree() {
        runs.trial(SEWING, Scoring.Weights.DEFAULT, 1, 1).subscribe().dispose();

        assertThat(runs.trial(SEWING, Scoring.Weights.DEFAULT, 2, 1).block()).isNotNull();
    }
}
