package community.dispatch.member;

import java.util.Map;
import community.dispatch.testing.FromTheGateway;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * A ceiling on code requests from everyone together bounds what text messages can cost, whoever asks
 * from however many networks. Its own context: the ceiling is set low here.
 */
@MemberServiceTest
@TestPropertySource(properties = "dispatch.auth.code-requests-in-all=5")
class CodeRequestCeilingIT extends MemberServiceTestSupport {

    @Test
    void codeRequestsStopAtTheCeilingWhateverTheNetwork() {
        for (int i = 0; i < 5; i++) {
            accounts.askForCode(Accounts.newPhone());
        }

        web.post().uri("/api/v1/auth/codes").contentType(MediaType.APPLICATION_JSON).headers(FromTheGateway.client(Accounts.newAddress()))
                .bodyValue(Map.of("phone", Accounts.newPhone())).exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("too-many-code-requests");
    }
}
