package community.dispatch.member.clients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import community.dispatch.kit.retention.RetentionRule;
import community.dispatch.kit.retention.RetentionRules;

@Configuration(proxyBeanMethods = false)
class ClientsConfiguration {

    @Bean
    RetentionRules clientTables() {
        return RetentionRules.of(RetentionRule.notAged("oauth_client", "the registered clients (municipal systems): "
                + "reference data admins maintain"));
    }
}
