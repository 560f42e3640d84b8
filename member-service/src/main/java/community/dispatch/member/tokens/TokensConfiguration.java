package community.dispatch.member.tokens;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import community.dispatch.kit.retention.RetentionRule;
import community.dispatch.kit.retention.RetentionRules;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
class TokensConfiguration {

    /** member-service checks its own tokens against its key store rather than over HTTP. */
    @Bean
    ReactiveJwtDecoder issuerJwtDecoder(SigningKeys keys, TokenProperties properties) {
        return IssuerJwtDecoder.create(keys, properties);
    }

    @Bean
    RetentionRules tokenTables() {
        return RetentionRules.of(RetentionRule.notAged("signing_key", "one key per rotation; a retired key stays "
                + "published until every token it signed has expired, and there are a dozen a year"));
    }
}
