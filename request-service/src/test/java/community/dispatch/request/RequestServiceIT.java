package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import community.dispatch.kit.retention.Retention;
import community.dispatch.testing.ServiceContract;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/** request-service starts against real PostgreSQL and Kafka and keeps the promises every service makes. */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
class RequestServiceIT extends ServiceContract {

    @Autowired
    Retention retention;

    /**
     * A table added without a retention rule would grow for ever unnoticed (DataRetention, the features'
     * RetentionRules); the README's "Data kept" says what the rules say.
     */
    @Test
    void everyTableHasARetentionRuleAndTheReadmeSaysIt() throws IOException {
        assertThat(retention.tablesWithoutRule().block()).isEmpty();
        assertThat(retention.rulesWithoutTable().block()).isEmpty();
        assertThat(Files.readString(Path.of("README.md"))).contains(retention.markdown());
    }
}
