package community.dispatch.gateway.console;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.net.URI;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import community.dispatch.web.client.ClientAddressAutoConfiguration.EdgeProperties;
import community.dispatch.web.client.EdgeSeal;
import community.dispatch.web.problem.ProblemResponses;

/**
 * The community office's console at {@code /console/}: static pages (classpath {@code static/console}) that
 * reach the API through the gateway's {@link ConsoleRelay}.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean
    ConsoleRelay consoleRelay(EdgeProperties edge, ReactorLoadBalancerExchangeFilterFunction loadBalancer,
            ProblemResponses problems, @Value("${dispatch.gateway.console.secure-cookie:false}") boolean secureCookie) {
        return new ConsoleRelay(new SessionCookie(new EdgeSeal(edge.secret()), secureCookie),
                new IssuerCalls(loadBalancer, Clock.systemUTC()), problems);
    }

    /** The console's one page; it is asked for afresh each time so a new version is picked up. */
    @Bean
    RouterFunction<ServerResponse> consolePage(@Value("classpath:/static/console/index.html") Resource page) {
        return route(GET(ConsoleRelay.PREFIX), request -> ServerResponse.permanentRedirect(URI.create(ConsoleRelay.PREFIX + "/")).build())
                .andRoute(GET(ConsoleRelay.PREFIX + "/"), request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                        .cacheControl(CacheControl.noCache()).bodyValue(page));
    }
}
