package community.dispatch.volunteer.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import community.dispatch.volunteer.dispatching.domain.Scoring;

/** The README's lab result is what the lab gives today for its seed and the weights in use. */
class LabReadmeTest {

    @Test
    void theReadmeShowsTheLatestResult() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String table = Measures.table(DispatchLab.compare(WeekGenerator.generate(DispatchLab.SEED, 1), Scoring.Weights.DEFAULT,
                request -> true));

        assertThat(readme).as("the README's table; regenerate it with bench/dispatch-lab.sh").contains(table);
        assertThat(readme).contains("seed " + DispatchLab.SEED).contains("weights " + LabReport.weights(Scoring.Weights.DEFAULT));
    }
}
