package community.dispatch.gateway.edge;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import community.dispatch.web.client.ClientAddressAutoConfiguration.EdgeProperties;
import community.dispatch.web.client.EdgeSeal;

/**
 * Client addresses at the edge: parsed once ({@link ClientAddressOf}) for the rate limits and the services.
 * The gateway does not start without {@code DISPATCH_EDGE_SECRET}: without it the services could not tell
 * one client from another, and every sign-in limit would count the gateway.
 */
@Configuration(proxyBeanMethods = false)
class ClientAddressConfiguration {

    @Bean
    ClientAddressOf clientAddressOf(@Value("${" + TrustedProxies.PROPERTY + ":^$}") String trustedProxies) {
        return new ClientAddressOf(TrustedProxies.from(trustedProxies));
    }

    @Bean
    ClientAddressRelay clientAddressRelay(ClientAddressOf clientAddressOf, EdgeProperties edge) {
        return new ClientAddressRelay(clientAddressOf, new EdgeSeal(edge.secret()));
    }
}
