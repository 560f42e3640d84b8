package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.FromTheGateway;
import community.dispatch.testing.MovableClockConfiguration;

/**
 * Sign-in as an attacker tries it: choosing their own client address, rotating addresses to guess one
 * account's password without limit, and locking somebody else's phone out of its codes.
 */
@MemberServiceTest
class SignInAttacksIT extends MemberServiceTestSupport {

    @Autowired
    DatabaseClient database;

    /** A caller who reaches the service directly names addresses in every header there is: all count as the caller. */
    @Test
    void aDirectCallerCannotChooseItsAddress() {
        accounts.register(Map.of("name", "Staff 職員", "roles", List.of("STAFF"), "username", "staff.direct",
                "password", "the-owners-password"));
        for (int i = 0; i < 5; i++) {
            waitOutTheDelay();
            String claimed = "203.0.113." + (10 + i);
            int guess = i;
            login("staff.direct", "guess-" + i, h -> {
                h.set("X-Forwarded-For", claimed);
                h.set("Forwarded", "for=" + claimed);
                h.set("X-Real-IP", claimed);
                // The gateway's own header, without its seal (or with a made-up one).
                h.set("X-Dispatch-Client-Address", claimed);
                h.set("X-Dispatch-Client-Seal", "forged-" + guess);
            }).expectStatus().isBadRequest();
        }
        login("staff.direct", "the-owners-password", h -> h.set("X-Forwarded-For", "198.51.100.99"))
                .expectStatus().isEqualTo(429).expectBody().jsonPath("$.code").isEqualTo("signin-locked");
        login("staff.direct", "the-owners-password", FromTheGateway.client("198.51.100.99")).expectStatus().isOk();
    }

    /**
     * Guessing from a new address each time gets past every per-address limit, but not past the account's:
     * beyond twenty failures an hour, new addresses must wait (a growing delay), the owner's own address is
     * never slowed, and the admins are told.
     */
    @Test
    void rotatingAddressesDoesNotMakeGuessingUnlimitedAndTheOwnerStillSignsIn() {
        String admin = accounts.admin();
        accounts.register(Map.of("name", "Staff 職員", "roles", List.of("STAFF"), "username", "staff.target",
                "password", "the-owners-password"));
        login("staff.target", "the-owners-password", FromTheGateway.client("198.51.100.5")).expectStatus().isOk();

        for (int i = 0; i < 20; i++) {
            login("staff.target", "guess-" + i, FromTheGateway.client(Accounts.newAddress())).expectStatus().isBadRequest();
        }
        login("staff.target", "guess-20", FromTheGateway.client(Accounts.newAddress())).expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody().jsonPath("$.code").isEqualTo("signin-slowed");
        login("staff.target", "the-owners-password", FromTheGateway.client("198.51.100.5")).expectStatus().isOk();

        MovableClockConfiguration.CLOCK.advance(Duration.ofSeconds(6));
        login("staff.target", "guess-21", FromTheGateway.client(Accounts.newAddress())).expectStatus().isBadRequest();
        login("staff.target", "guess-22", FromTheGateway.client(Accounts.newAddress())).expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "10");

        assertThat(audited(admin, "staff.target")).contains("signin.account-ceiling");
        await().atMost(Duration.ofSeconds(10)).until(() -> adminsToldOfGuessing(admin));

        web.delete().uri("/api/v1/auth/lockouts/staff.target").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isNoContent();
        login("staff.target", "guess-23", FromTheGateway.client(Accounts.newAddress()))
                .expectStatus().isBadRequest();
    }

    /** Wrong codes kill the code and lock the guessing address, never the phone: the owner's live code still works. */
    @Test
    void wrongCodesFromElsewhereNeverKeepTheOwnersLiveCodeOut() {
        String phone = Accounts.newPhone();
        String code = accounts.residentWithCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 4; i++) {
            waitOutTheDelay();
            codeLogin(phone, wrong, "203.0.113.50").expectStatus().isBadRequest();
        }
        codeLogin(phone, code, "198.51.100.50").expectStatus().isOk();

        accounts.requestCode(phone);
        String next = accounts.latestCode(phone);
        for (int i = 0; i < 5; i++) {
            waitOutTheDelay();
            codeLogin(phone, wrong, "203.0.113.51").expectStatus().isBadRequest();
        }
        codeLogin(phone, next, "203.0.113.51").expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.code").isEqualTo("signin-locked");
        codeLogin(phone, next, "198.51.100.51")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid-code");

        String admin = accounts.admin();
        web.delete().uri("/api/v1/auth/lockouts/phones/" + phone).headers(h -> h.setBearerAuth((String) accounts.signedInMember("辦公室", Accounts.newPhone(), "STAFF").get("access_token")))
                .exchange().expectStatus().isForbidden();
        web.delete().uri("/api/v1/auth/lockouts/phones/" + phone).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isNoContent();
        accounts.requestCode(phone);
        codeLogin(phone, accounts.latestCode(phone), "203.0.113.51").expectStatus().isOk();
        assertThat(audited(admin, null)).contains("signin.phone-unlocked");
    }

    private String audited(String admin, String target) {
        return web.get().uri(uri -> uri.path("/api/v1/audit").queryParamIfPresent("target", Optional.ofNullable(target))
                        .queryParam("size", 50).build())
                .headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private boolean adminsToldOfGuessing(String admin) {
        return database.sql("""
                        SELECT count(*) AS n FROM notification n JOIN member m ON m.id = n.member_id
                        WHERE n.kind = 'SIGN_IN_GUESSING' AND 'ADMIN' = ANY (m.roles) AND n.occasion LIKE 'signin-ceiling/staff.target/%'""")
                .map(row -> row.get("n", Long.class)).one().block() > 0;
    }

    private WebTestClient.ResponseSpec login(String username, String password, Consumer<HttpHeaders> from) {
        return web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).headers(from)
                .bodyValue(Map.of("username", username, "password", password)).exchange();
    }

    private WebTestClient.ResponseSpec codeLogin(String phone, String code, String address) {
        return web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON).headers(FromTheGateway.client(address))
                .bodyValue(Map.of("phone", phone, "code", code)).exchange();
    }

    private static void waitOutTheDelay() {
        MovableClockConfiguration.CLOCK.advance(Duration.ofSeconds(10));
    }
}
