package community.dispatch.member;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service's API, and people made and signed in through it. */
abstract class MemberServiceTestSupport {

    @Autowired
    protected WebTestClient web;

    protected Accounts accounts;

    @BeforeEach
    void signInThroughTheApi() {
        accounts = new Accounts(web);
    }
}
