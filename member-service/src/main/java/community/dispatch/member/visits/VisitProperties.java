package community.dispatch.member.visits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The weekly visit quotas ({@code dispatch.visits.*}).
 *
 * @param leadershipWeeklyTarget distinct households each leadership-team member visits a week (初心大走訪: 10)
 * @param gridWorkerWeeklyTarget distinct households each grid worker visits a week
 */
@ConfigurationProperties("dispatch.visits")
public record VisitProperties(
        @DefaultValue("10") int leadershipWeeklyTarget,
        @DefaultValue("5") int gridWorkerWeeklyTarget) {
}
