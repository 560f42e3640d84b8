package community.dispatch.member;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.RealInfrastructure;
import community.dispatch.testing.ServiceContract;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@RealInfrastructure
class MemberServiceIT implements ServiceContract {

    @Autowired
    WebTestClient web;

    @Override
    public WebTestClient web() {
        return web;
    }

    @Override
    public String serviceName() {
        return "member-service";
    }
}
