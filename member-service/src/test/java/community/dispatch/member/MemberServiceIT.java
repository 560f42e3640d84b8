package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.kit.retention.Retention;
import community.dispatch.testing.ServiceContract;

/** member-service keeps the promises every service makes, with tokens it issued itself. */
@MemberServiceTest
class MemberServiceIT extends ServiceContract {

    @Autowired
    WebTestClient web;

    @Override
    protected String staffToken() {
        return new Accounts(web).admin();
    }

    @Override
    protected String tokenMeantForOthers() {
        return new Accounts(web).municipalSystemToken();
    }

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
