package community.dispatch.kit.time;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The community's own calendar: business days, weekly quotas, availability windows and statements are
 * counted in its zone ({@code dispatch.community.zone}); instants stay UTC everywhere else.
 */
@ConfigurationProperties("dispatch.community")
public record CommunityProperties(@DefaultValue("Asia/Shanghai") ZoneId zone) {
}
