package community.dispatch.web.client;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** {@link ClientAddresses} for every reactive web application, sealed with {@code dispatch.edge.secret} when set. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(ClientAddressAutoConfiguration.EdgeProperties.class)
public class ClientAddressAutoConfiguration {

    /** {@code dispatch.edge.secret}: the secret the gateway seals client addresses with ({@code DISPATCH_EDGE_SECRET}). */
    @ConfigurationProperties("dispatch.edge")
    public record EdgeProperties(String secret) {

        public boolean hasSecret() {
            return secret != null && !secret.isBlank();
        }
    }

    @Bean
    ClientAddresses clientAddresses(EdgeProperties edge) {
        return new ClientAddresses(edge.hasSecret() ? new EdgeSeal(edge.secret()) : null);
    }
}
