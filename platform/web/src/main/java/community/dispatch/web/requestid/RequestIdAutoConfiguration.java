package community.dispatch.web.requestid;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The correlation id for every reactive web application of the project: the filter, and the bridge
 * that copies the id from the Reactor context into the logging MDC on whichever thread runs the call.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class RequestIdAutoConfiguration {

    @Bean
    RequestIdFilter requestIdFilter() {
        RequestIdFilter.bridgeToLoggingContext();
        return new RequestIdFilter();
    }
}
