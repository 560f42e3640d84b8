package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import community.dispatch.testing.TestTokensConfiguration;

/**
 * OWASP API2:2023, broken authentication — the tokens. Only a token member-service signed with its own
 * key, untouched, is believed: one signed with another key under the right issuer, one that says it
 * needs no signature, and one whose roles were edited after signing are all 401 problems. (Sign-in
 * itself — lockouts, codes, refresh-token reuse, sign-out, password change — is {@code SignInIT}.)
 */
@MemberServiceTest
class OwaspApi2AuthenticationIT extends MemberServiceTestSupport {

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String forged = TestTokensConfiguration.TOKENS.issuedBy(Accounts.ISSUER).token(accounts.register("居民",
                Accounts.newPhone(), "RESIDENT").toString(), "ADMIN");

        refused(forged);
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String real = (String) accounts.signedInMember("居民", Accounts.newPhone(), "RESIDENT").get("access_token");
        String[] parts = real.split("\\.");

        refused(encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
    }

    @Test
    void aTokenWhoseRolesWereEditedIsRefused() {
        String real = (String) accounts.signedInMember("居民", Accounts.newPhone(), "RESIDENT").get("access_token");
        String[] parts = real.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"RESIDENT\"", "\"ADMIN\"");

        refused(parts[0] + "." + encode(payload) + "." + parts[2]);
        web.get().uri("/api/v1/members/me").headers(h -> h.setBearerAuth(real)).exchange().expectStatus().isOk();
    }

    /** A municipal system's token is meant for the gateway and request-service: member-service does not believe it. */
    @Test
    void aTokenMeantForOtherServicesIsRefused() {
        String token = accounts.municipalSystemToken();

        assertThat(Accounts.claims(token).get("aud")).isEqualTo(List.of("gateway", "request-service"));
        refused(token);
    }

    private void refused(String token) {
        web.get().uri("/api/v1/members/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
