package community.dispatch.member.visits;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who met their weekly visit quota: each obliged member must visit a number of distinct households
 * within the community week; visits outside the week do not count, nor a second visit to the same
 * household.
 */
public final class WeeklyCompliance {

    private WeeklyCompliance() {
    }

    /** Someone who must visit: leadership-team members and grid workers. */
    public record Obligation(UUID memberId, String name, String duty, String gridCode, int target) {
    }

    public record Visit(UUID visitorId, UUID unitId, Instant visitedAt) {
    }

    public record Standing(UUID memberId, @Schema(example = "吴杰") String name,
            @Schema(example = "GRID_WORKER", allowableValues = { "LEADERSHIP", "GRID_WORKER" }) String duty,
            @Schema(example = "3", description = "Distinct households visited this week") int households,
            @Schema(example = "5") int target, boolean behind) {
    }

    public record GridReport(@Schema(example = "G01") String gridCode, List<Standing> members,
            @Schema(example = "2", description = "Members short of their target") long behind) {
    }

    public record Report(@Schema(example = "2026-W48", description = "ISO week, Monday to Sunday in the community's zone") String week,
            Instant from, Instant to, List<GridReport> grids) {
    }

    /** The report for the week, one section per grid (members without a grid under {@code null}), behind first. */
    public static Report compute(CommunityWeek week, Collection<Obligation> obligations, Collection<Visit> visits) {
        Map<UUID, Set<UUID>> households = new LinkedHashMap<>();
        for (Visit visit : visits) {
            if (week.contains(visit.visitedAt())) {
                households.computeIfAbsent(visit.visitorId(), id -> new HashSet<>()).add(visit.unitId());
            }
        }
        Map<String, List<Standing>> byGrid = obligations.stream()
                .sorted(Comparator.comparing((Obligation o) -> o.gridCode() == null ? "" : o.gridCode())
                        .thenComparing(Obligation::name))
                .collect(Collectors.groupingBy(o -> o.gridCode() == null ? "" : o.gridCode(), LinkedHashMap::new,
                        Collectors.mapping(o -> {
                            int visited = households.getOrDefault(o.memberId(), Set.of()).size();
                            return new Standing(o.memberId(), o.name(), o.duty(), visited, o.target(), visited < o.target());
                        }, Collectors.toList())));
        List<GridReport> grids = byGrid.entrySet().stream()
                .map(entry -> new GridReport(entry.getKey().isEmpty() ? null : entry.getKey(),
                        entry.getValue().stream()
                                .sorted(Comparator.comparing(Standing::behind).reversed().thenComparing(Standing::name))
                                .toList(),
                        entry.getValue().stream().filter(Standing::behind).count()))
                .toList();
        return new Report(week.name(), week.start(), week.end(), grids);
    }
}
