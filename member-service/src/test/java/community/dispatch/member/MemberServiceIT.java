package community.dispatch.member;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

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

}
