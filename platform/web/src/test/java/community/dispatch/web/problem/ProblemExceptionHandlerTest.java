package community.dispatch.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class ProblemExceptionHandlerTest {

    @Test
    void aProblemListsTwentyErrorsAndCountsTheRest() {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation-failed", "The request has invalid fields.");
        problem.setProperty("errors", IntStream.range(0, 5_000).mapToObj(i -> Map.of("field", "items[" + i + "]")).toList());

        ProblemDetail capped = ProblemExceptionHandler.capped(problem);

        assertThat((List<?>) capped.getProperties().get("errors")).hasSize(20).first().isEqualTo(Map.of("field", "items[0]"));
        assertThat(capped.getProperties()).containsEntry("moreErrors", 4_980);
    }

    @Test
    void aShortListIsLeftAsItIs() {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation-failed", "The request has invalid fields.");
        problem.setProperty("errors", List.of(Map.of("field", "name")));

        assertThat(ProblemExceptionHandler.capped(problem).getProperties()).doesNotContainKey("moreErrors");
    }
}
