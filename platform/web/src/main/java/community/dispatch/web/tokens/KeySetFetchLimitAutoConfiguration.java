package community.dispatch.web.tokens;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.JwkSetUriReactiveJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Every resource server that learns the issuer's keys from a JWK Set address (the gateway,
 * request-service, volunteer-service) fetches them through {@link KeySetFetchLimit}.
 */
@AutoConfiguration
@ConditionalOnClass(JwkSetUriReactiveJwtDecoderBuilderCustomizer.class)
public class KeySetFetchLimitAutoConfiguration {

    @Bean
    JwkSetUriReactiveJwtDecoderBuilderCustomizer keySetFetchLimit(ObjectProvider<WebClient.Builder> webClients) {
        return builder -> builder.webClient(webClients.getIfAvailable(WebClient::builder)
                .filter(new KeySetFetchLimit())
                .build());
    }
}
