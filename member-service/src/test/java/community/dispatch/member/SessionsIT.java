package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import community.dispatch.testing.MovableClockConfiguration;
import reactor.test.StepVerifier;

/** A sign-in's life: refresh tokens that rotate, a password change and a sign-out that end sessions, and an absolute end. */
@MemberServiceTest
class SessionsIT extends MemberServiceTestSupport {

    @Autowired
    DatabaseClient database;

    @Test
    void refreshTokensRotateAndReusingOneRevokesTheWholeSignIn() {
        Map<String, Object> first = accounts.passwordLogin("admin", Accounts.ADMIN_PASSWORD);
        String original = (String) first.get("refresh_token");

        Map<String, Object> second = refresh(original).expectStatus().isOk()
                .expectBody(Accounts.MAP).returnResult().getResponseBody();
        String rotated = (String) second.get("refresh_token");
        assertThat(rotated).isNotEqualTo(original);
        assertThat(second.get("access_token")).isNotNull();

        refresh(original).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
        refresh(rotated).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsEverySession() {
        accounts.register(Map.of("name", "Staff 職員", "roles", List.of("STAFF"), "username", "staff.change",
                "password", "the-first-password"));
        Map<String, Object> session = accounts.passwordLogin("staff.change", "the-first-password");
        String token = (String) session.get("access_token");

        changePassword(token, "not-the-password", "a-brand-new-passphrase").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-credentials");
        changePassword(token, "the-first-password", "too-short").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        changePassword(token, "the-first-password", "a-brand-new-passphrase").expectStatus().isNoContent();

        login("staff.change", "the-first-password").expectStatus().isBadRequest();
        refresh((String) session.get("refresh_token")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
        accounts.passwordLogin("staff.change", "a-brand-new-passphrase");
    }

    @Test
    void signingOutEndsTheSignInButNoOtherAndOnlyTheOwnerCanEndIt() {
        Map<String, Object> kept = accounts.passwordLogin("admin", Accounts.ADMIN_PASSWORD);
        Map<String, Object> ended = accounts.passwordLogin("admin", Accounts.ADMIN_PASSWORD);
        String phone = Accounts.newPhone();
        String stranger = (String) accounts.signedInMember("居民 Resident", phone, "RESIDENT").get("access_token");

        logout(stranger, (String) ended.get("refresh_token")).expectStatus().isNoContent();
        Map<String, Object> stillAlive = refresh((String) ended.get("refresh_token")).expectStatus().isOk()
                .expectBody(Accounts.MAP).returnResult().getResponseBody();

        logout((String) kept.get("access_token"), (String) stillAlive.get("refresh_token")).expectStatus().isNoContent();
        refresh((String) stillAlive.get("refresh_token")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
        refresh((String) kept.get("refresh_token")).expectStatus().isOk();
        logout(null, (String) kept.get("refresh_token")).expectStatus().isUnauthorized();
    }

    @Test
    void refreshingNeverStretchesASignInPastItsEnd() throws Exception {
        Map<String, Object> first = accounts.passwordLogin("admin", Accounts.ADMIN_PASSWORD);
        MovableClockConfiguration.CLOCK.advance(Duration.ofHours(1));
        refresh((String) first.get("refresh_token")).expectStatus().isOk();

        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(((String) first.get("refresh_token")).getBytes(StandardCharsets.UTF_8)));
        StepVerifier.create(database.sql("""
                        SELECT count(*) AS tokens, count(DISTINCT expires_at) AS ends FROM refresh_token
                        WHERE family_id = (SELECT family_id FROM refresh_token WHERE token_hash = :hash)""")
                        .bind("hash", hash).map(row -> List.of(row.get("tokens", Long.class), row.get("ends", Long.class))).one())
                .expectNext(List.of(2L, 1L))
                .verifyComplete();
    }

    private WebTestClient.ResponseSpec login(String username, String password) {
        return web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password)).exchange();
    }

    private WebTestClient.ResponseSpec changePassword(String token, String current, String replacement) {
        return web.post().uri("/api/v1/auth/password").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", current, "newPassword", replacement)).exchange();
    }

    private WebTestClient.ResponseSpec logout(String token, String refreshToken) {
        return web.post().uri("/api/v1/auth/logout").headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("refresh_token", refreshToken)).exchange();
    }

    private WebTestClient.ResponseSpec refresh(String token) {
        return web.post().uri("/oauth2/token")
                .body(BodyInserters.fromFormData("grant_type", "refresh_token").with("refresh_token", token)).exchange();
    }
}
