package community.dispatch.request.disputes;

import java.time.Duration;

import community.dispatch.request.requests.domain.Step;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long each rung of the deliberation ladder has before an unsettled dispute climbs to the next
 * ({@code dispatch.disputes.*}).
 */
@ConfigurationProperties("dispatch.disputes")
public record DisputeProperties(
        @DefaultValue("3d") Duration onlineDeliberation,
        @DefaultValue("7d") Duration propertyCouncil,
        @DefaultValue("15d") Duration communityCouncil) {

    public Duration window(Step step) {
        return switch (step) {
            case ONLINE_DELIBERATION -> onlineDeliberation;
            case PROPERTY_COUNCIL -> propertyCouncil;
            case COMMUNITY_COUNCIL -> communityCouncil;
        };
    }
}
