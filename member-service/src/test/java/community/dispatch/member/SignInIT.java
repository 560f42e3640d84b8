package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.FromTheGateway;
import community.dispatch.testing.MovableClockConfiguration;

@MemberServiceTest
class SignInIT extends MemberServiceTestSupport {

    @Autowired
    DatabaseClient database;

    @Test
    void theAdminSignsInWithAPasswordAndGetsAShortLivedTokenWithRoles() {
        Map<String, Object> tokens = accounts.passwordLogin("admin", Accounts.ADMIN_PASSWORD);

        assertThat(tokens).containsEntry("token_type", "Bearer").containsKey("refresh_token");
        assertThat(((Number) tokens.get("expires_in")).longValue()).isBetween(60L, 3600L);
        web.get().uri("/api/v1/members/me").headers(h -> h.setBearerAuth((String) tokens.get("access_token"))).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo("admin").jsonPath("$.roles[0]").isEqualTo("ADMIN");
    }

    @Test
    void theCodeComesInTheLanguageThePhoneAskedInSimplifiedChineseUnlessItSaid() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("", "【社区派单】登录验证码");
        expected.put("zh-CN", "【社区派单】登录验证码");
        expected.put("zh-TW", "【社區派單】登錄驗證碼");
        expected.put("en-US,en;q=0.9", "community-dispatch: your sign-in code is");
        expected.forEach((language, opening) -> {
            String phone = Accounts.newPhone();
            accounts.register("居民 Resident", phone, "RESIDENT");
            web.post().uri("/api/v1/auth/codes").contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> {
                        FromTheGateway.client(Accounts.newAddress()).accept(h);
                        if (!language.isEmpty()) {
                            h.set(HttpHeaders.ACCEPT_LANGUAGE, language);
                        }
                    })
                    .bodyValue(Map.of("phone", phone)).exchange().expectStatus().isAccepted();
            accounts.awaitCode(phone);
            assertThat((String) accounts.sandbox(phone).get(0).get("text")).as("Accept-Language '%s'", language)
                    .startsWith(opening).contains(accounts.latestCode(phone));
        });
    }

    @Test
    void aWrongPasswordIsRefusedAndRepeatedFailuresLockTheAccount() {
        accounts.register(Map.of("name", "Staff 職員", "roles", List.of("STAFF"), "username", "staff.lock",
                "password", "a-long-enough-password"));

        for (int i = 0; i < 5; i++) {
            waitOutTheDelay();
            login("staff.lock", "wrong-password-" + i).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("invalid-credentials");
        }
        login("staff.lock", "a-long-enough-password").expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.code").isEqualTo("signin-locked");
        login("nobody-such", "whatever-password").expectStatus().isBadRequest();
    }

    @Test
    void aLockoutHoldsOnlyForTheGuessingClientAndAnAdminCanLiftIt() {
        accounts.register(Map.of("name", "Staff 職員", "roles", List.of("STAFF"), "username", "staff.owner",
                "password", "the-owners-password"));
        for (int i = 0; i < 5; i++) {
            waitOutTheDelay();
            loginFrom("203.0.113.7", "staff.owner", "guess-" + i).expectStatus().isBadRequest();
        }
        loginFrom("203.0.113.7", "staff.owner", "the-owners-password").expectStatus().isEqualTo(429);

        loginFrom("198.51.100.20", "staff.owner", "the-owners-password").expectStatus().isOk();

        web.delete().uri("/api/v1/auth/lockouts/staff.owner").headers(h -> h.setBearerAuth(staffToken())).exchange()
                .expectStatus().isForbidden();
        web.delete().uri("/api/v1/auth/lockouts/staff.owner").headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isNoContent();
        loginFrom("203.0.113.7", "staff.owner", "the-owners-password").expectStatus().isOk();
    }

    @Test
    void addressesOfOneIpv6Slash64ShareALockout() {
        accounts.register(Map.of("name", "Staff 職員", "roles", List.of("STAFF"), "username", "staff.six",
                "password", "the-owners-password"));
        for (int i = 0; i < 5; i++) {
            waitOutTheDelay();
            loginFrom("2001:db8:7:7::" + Integer.toHexString(i + 1), "staff.six", "guess-" + i).expectStatus().isBadRequest();
        }
        loginFrom("2001:db8:7:7:abcd::1", "staff.six", "the-owners-password").expectStatus().isEqualTo(429);
        loginFrom("2001:db8:7:8::1", "staff.six", "the-owners-password").expectStatus().isOk();
    }

    /** After the second failure each try must wait: one second, then two, then four. */
    @Test
    void repeatedFailuresMustWaitLongerEachTime() {
        accounts.register(Map.of("name", "Staff 職員", "roles", List.of("STAFF"), "username", "staff.slow",
                "password", "the-owners-password"));
        login("staff.slow", "guess-1").expectStatus().isBadRequest();
        login("staff.slow", "guess-2").expectStatus().isBadRequest();

        login("staff.slow", "the-owners-password").expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody().jsonPath("$.code").isEqualTo("signin-slowed");
        MovableClockConfiguration.CLOCK.advance(Duration.ofMillis(1100));
        login("staff.slow", "guess-3").expectStatus().isBadRequest();
        login("staff.slow", "the-owners-password").expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "2");
        MovableClockConfiguration.CLOCK.advance(Duration.ofMillis(2100));
        login("staff.slow", "the-owners-password").expectStatus().isOk();
    }

    @Test
    void parallelGuessesNeverGetPastTheLimit() throws Exception {
        accounts.register(Map.of("name", "Staff 職員", "roles", List.of("STAFF"), "username", "staff.burst",
                "password", "the-owners-password"));
        // The guesses block on threads of their own: on Reactor's shared boundedElastic they would starve the
        // service in this same JVM, which hashes passwords there, and hang until the client's timeout.
        ExecutorService guessers = Executors.newFixedThreadPool(16);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> answer : guessers.invokeAll(IntStream.range(0, 16).<Callable<Integer>>mapToObj(i -> () ->
                    web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                            .headers(FromTheGateway.client("192.0.2.99"))
                            .bodyValue(Map.of("username", "staff.burst", "password", "guess-" + i))
                            .exchange().returnResult(String.class).getStatus().value()).toList())) {
                statuses.add(answer.get());
            }
        }
        finally {
            guessers.shutdownNow();
        }

        // At most five guesses are ever checked; how many fewer depends on how fast they arrive (the delays).
        assertThat(statuses).filteredOn(status -> status == 400).hasSizeBetween(2, 5);
        assertThat(statuses).filteredOn(status -> status == 400 || status == 429).hasSize(16);
    }

    @Test
    void aResidentSignsInWithACodeFromTheSandboxOnceOnly() {
        String phone = Accounts.newPhone();

        String code = accounts.residentWithCode(phone);
        Map<String, Object> tokens = accounts.codeLogin(phone, code).expectStatus().isOk()
                .expectBody(Accounts.MAP).returnResult().getResponseBody();

        web.get().uri("/api/v1/members/me").headers(h -> h.setBearerAuth((String) tokens.get("access_token"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.phone").isEqualTo(phone);
        accounts.codeLogin(phone, code).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-code");
    }

    @Test
    void anExpiredCodeIsRefused() {
        String phone = Accounts.newPhone();
        String code = accounts.residentWithCode(phone);

        MovableClockConfiguration.CLOCK.advance(Duration.ofMinutes(6));

        accounts.codeLogin(phone, code).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid-code");
    }

    @Test
    void codeRequestsAreLimitedAlikeForMembersAndStrangersAndStrangersGetNoMessage() {
        String member = Accounts.newPhone();
        accounts.register("居民 Resident", member, "RESIDENT");
        String stranger = Accounts.newPhone();
        for (String phone : List.of(member, stranger)) {
            for (int i = 0; i < 3; i++) {
                accounts.askForCode(phone);
            }
            codeRequest(phone, Accounts.newAddress()).expectStatus().isEqualTo(429)
                    .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                    .expectBody().jsonPath("$.code").isEqualTo("too-many-code-requests");
        }
        // Sent from the queue in order: once it is empty, every request has been dealt with.
        await().atMost(Duration.ofSeconds(30)).until(() -> database.sql("SELECT count(*) AS n FROM code_delivery")
                .map(row -> row.get("n", Long.class)).one().block() == 0);
        assertThat(accounts.sandbox(member)).hasSize(3);
        assertThat(accounts.sandbox(stranger)).isEmpty();
    }

    /** One network cannot ask for codes for many phones (an IPv6 network counts as its /64); others still can. */
    @Test
    void codeRequestsAreLimitedPerNetwork() {
        for (int i = 0; i < 20; i++) {
            codeRequest(Accounts.newPhone(), "2001:db8:9:9::" + Integer.toHexString(i + 1)).expectStatus().isAccepted();
        }
        codeRequest(Accounts.newPhone(), "2001:db8:9:9:ffff::1").expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.code").isEqualTo("too-many-code-requests");
        codeRequest(Accounts.newPhone(), "2001:db8:9:a::1").expectStatus().isAccepted();
    }

    @Test
    void theSandboxForgetsMessagesAfterAnHour() {
        String phone = Accounts.newPhone();
        accounts.residentWithCode(phone);
        assertThat(accounts.sandbox(phone)).hasSize(1);

        MovableClockConfiguration.CLOCK.advance(Duration.ofMinutes(61));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(accounts.sandbox(phone)).isEmpty());
    }

    @Test
    void badSignInInputIs400Problem() {
        web.post().uri("/api/v1/auth/codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phone", "12345")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("validation-failed").jsonPath("$.errors[0].field").isEqualTo("phone");
        web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "admin")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("credentials-required");
    }

    private WebTestClient.ResponseSpec login(String username, String password) {
        return web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password)).exchange();
    }

    /** Moves past the progressive delay a wrong guess sets, as a patient guesser would. */
    private static void waitOutTheDelay() {
        MovableClockConfiguration.CLOCK.advance(Duration.ofSeconds(10));
    }

    private WebTestClient.ResponseSpec codeRequest(String phone, String address) {
        return web.post().uri("/api/v1/auth/codes").contentType(MediaType.APPLICATION_JSON).headers(FromTheGateway.client(address))
                .bodyValue(Map.of("phone", phone)).exchange();
    }

    private WebTestClient.ResponseSpec loginFrom(String address, String username, String password) {
        return web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .headers(FromTheGateway.client(address))
                .bodyValue(Map.of("username", username, "password", password)).exchange();
    }

    private String staffToken() {
        return (String) accounts.signedInMember("辦公室", Accounts.newPhone(), "STAFF").get("access_token");
    }
}
