package community.dispatch.kit.audit;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;

import community.dispatch.kit.EventingAutoConfiguration;
import community.dispatch.kit.time.TimeAutoConfiguration;
import tools.jackson.databind.json.JsonMapper;

/** The audit trail, one mechanism for every service: its table comes with the kit's migrations. */
@AutoConfiguration(after = { EventingAutoConfiguration.class, TimeAutoConfiguration.class })
@ConditionalOnBean({ DatabaseClient.class, ReactiveTransactionManager.class })
public class AuditAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AuditTrail auditTrail(DatabaseClient database, JsonMapper json, Clock clock, ReactiveTransactionManager transactions) {
        return new AuditTrail(new AuditStore(database, json), clock, transactions);
    }
}
