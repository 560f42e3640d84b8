package community.dispatch.kit.timers;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.r2dbc.spi.ConnectionFactory;

/** The wake-ups the service's timers and outbox relay share: one listening connection per instance. */
@AutoConfiguration(after = R2dbcAutoConfiguration.class)
public class TimersAutoConfiguration {

    @Bean
    @ConditionalOnBean(ConnectionFactory.class)
    @ConditionalOnMissingBean
    WakeUps wakeUps(ConnectionFactory connections) {
        return new WakeUps(connections);
    }
}
