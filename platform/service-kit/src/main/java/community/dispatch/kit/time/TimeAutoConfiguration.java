package community.dispatch.kit.time;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * One clock per service, injected wherever "now" decides something (deadlines, expiries, hours), so a
 * test moves time by moving the clock; and the community's zone as one setting.
 */
@AutoConfiguration
@EnableConfigurationProperties(CommunityProperties.class)
public class TimeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    CommunityCalendar communityCalendar(CommunityProperties community, Clock clock) {
        return new CommunityCalendar(community, clock);
    }
}
