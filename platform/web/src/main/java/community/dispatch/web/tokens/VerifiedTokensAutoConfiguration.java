package community.dispatch.web.tokens;

import java.time.Clock;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/** Every resource server's token decoder (the gateway's, each service's) verifies a token once: {@link VerifiedTokens}. */
@AutoConfiguration
@ConditionalOnClass(ReactiveJwtDecoder.class)
public class VerifiedTokensAutoConfiguration {

    @Bean
    static BeanPostProcessor verifiedTokens() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                // The decoders' expiry checks read the system clock; so does the cache.
                return bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof VerifiedTokens)
                        ? new VerifiedTokens(decoder, Clock.systemUTC()) : bean;
            }
        };
    }
}
