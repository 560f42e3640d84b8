package community.dispatch.kit.locks;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import community.dispatch.kit.EventingAutoConfiguration;

/** {@link WorkLocks} for every service with a database. */
@AutoConfiguration(after = EventingAutoConfiguration.class)
@ConditionalOnBean(DatabaseClient.class)
public class LocksAutoConfiguration {

    @Bean
    WorkLocks workLocks(DatabaseClient database, TransactionalOperator transactions) {
        return new WorkLocks(database, transactions);
    }
}
