package community.dispatch.web.requestid;

import java.util.Locale;

import org.slf4j.event.Level;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The correlation id for every reactive web application of the project: the filter, and the bridge
 * that lets {@link community.dispatch.web.logging.Logged} copy the id from the Reactor context into the
 * logging MDC of a line.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class RequestIdAutoConfiguration {

    @Bean
    RequestIdFilter requestIdFilter(@Value("${dispatch.access-log.level:debug}") String accessLevel) {
        RequestIdFilter.bridgeToLoggingContext();
        return new RequestIdFilter(Level.valueOf(accessLevel.trim().toUpperCase(Locale.ROOT)));
    }
}
