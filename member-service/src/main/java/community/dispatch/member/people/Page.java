package community.dispatch.member.people;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;

/** One page of a longer list. */
public record Page<T>(List<T> items, @Schema(example = "0") int page, @Schema(example = "20") int size,
        @Schema(example = "386") long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
