package community.dispatch.gateway.console;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import community.dispatch.web.client.ClientAddressAutoConfiguration.EdgeProperties;
import community.dispatch.web.client.EdgeSeal;
import community.dispatch.web.problem.ProblemResponses;
import tools.jackson.databind.json.JsonMapper;

/**
 * The community office's console at {@code /console/}: static pages (classpath {@code static/console}) that
 * reach the API through the gateway's {@link ConsoleRelay}, which also serves the page itself.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean
    ConsoleRelay consoleRelay(EdgeProperties edge, ReactorLoadBalancerExchangeFilterFunction loadBalancer,
            ProblemResponses problems, ReactiveJwtDecoder tokens, JsonMapper json,
            @Value("${dispatch.gateway.console.secure-cookie:false}") boolean secureCookie) {
        return new ConsoleRelay(new SessionCookie(new EdgeSeal(edge.secret()), secureCookie),
                new IssuerCalls(loadBalancer, Clock.systemUTC()), problems, tokens, json);
    }
}
