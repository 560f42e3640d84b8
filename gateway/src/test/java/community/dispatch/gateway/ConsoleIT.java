package community.dispatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The office console's backend-for-frontend: the browser holds an HttpOnly cookie, never a token; calls
 * through {@code /console/api} reach the services with the member's token and without the cookie; a
 * token about to end is renewed once however many calls need it; changes come only from the console's
 * own pages; the pages are served under a policy with no inline code.
 */
@TestPropertySource(properties = "DISPATCH_SIGN_IN_RATE_LIMIT=1000") // sign-in's own limit is RateLimitIT's concern
class ConsoleIT extends GatewayTest {

    private static final String CONSOLE = "X-Console-Request";
    private static final AtomicInteger REFRESHES = new AtomicInteger();

    @Autowired
    WebTestClient web;

    /** Signs in as staff with tokens lasting {@code seconds}; answers the session cookie. */
    private String signIn(long seconds, String refreshToken) {
        MEMBER_SERVICE.issue(() -> """
                {"access_token":"%s","token_type":"Bearer","expires_in":%d,"refresh_token":"%s"}"""
                .formatted(TOKENS.token("office-li", "STAFF"), seconds, refreshToken + "-" + REFRESHES.incrementAndGet()));
        EntityExchangeResult<String> answer = web.post().uri("/console/session").header(CONSOLE, "1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("username", "office.li", "password", "a long password"))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        ResponseCookie cookie = answer.getResponseCookies().getFirst("console_session");
        assertThat(cookie).isNotNull();
        return cookie.getValue();
    }

    @Test
    void signingInKeepsTheTokensInAnHttpOnlyCookieTheBrowserCannotRead() {
        MEMBER_SERVICE.issue(() -> """
                {"access_token":"%s","token_type":"Bearer","expires_in":600,"refresh_token":"rt-secret"}"""
                .formatted(TOKENS.token("office-li", "STAFF")));
        EntityExchangeResult<String> answer = web.post().uri("/console/session").header(CONSOLE, "1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("username", "office.li", "password", "a long password"))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult();

        assertThat(answer.getResponseBody()).contains("\"memberId\":\"office-li\"", "\"roles\":[\"STAFF\"]")
                .doesNotContain("rt-secret", "access_token", "eyJ");
        ResponseCookie cookie = answer.getResponseCookies().getFirst("console_session");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getPath()).isEqualTo("/console");
        assertThat(cookie.getValue()).doesNotContain("rt-secret", "eyJ");

        web.get().uri("/console/session").cookie("console_session", cookie.getValue()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.signedIn").isEqualTo(true).jsonPath("$.roles[0]").isEqualTo("STAFF");
    }

    @Test
    void aWrongPasswordIsAnsweredAsTheIssuerAnswersAndGivesNoCookie() {
        MEMBER_SERVICE.issue(() -> "{}");
        web.post().uri("/console/session").header(CONSOLE, "1").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "office.li", "password", "wrong")).exchange()
                .expectStatus().isUnauthorized().expectCookie().doesNotExist("console_session");
    }

    @Test
    void theApiThroughTheConsoleCarriesTheMembersTokenAndNotTheCookie() {
        String session = signIn(600, "rt");
        web.get().uri("/console/api/v1/requests/42?grid=G01").cookie("console_session", session).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("request-service GET /api/v1/requests/42?grid=G01");

        io.netty.handler.codec.http.HttpHeaders received = REQUEST_SERVICE.lastHeaders();
        assertThat(received.get(HttpHeaders.AUTHORIZATION)).startsWith("Bearer eyJ");
        assertThat(received.contains(HttpHeaders.COOKIE)).isFalse();
        assertThat(received.contains(CONSOLE)).isFalse();
    }

    @Test
    void withoutAGoodSessionNothingIsRelayed() {
        web.get().uri("/console/session").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.signedIn").isEqualTo(false);
        int before = REQUEST_SERVICE.calls();
        web.get().uri("/console/api/v1/requests").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("signed-out");
        String forged = signIn(600, "rt").substring(1) + "A";
        web.get().uri("/console/api/v1/requests").cookie("console_session", forged).exchange()
                .expectStatus().isUnauthorized();
        // A bearer token sent to the console's path is not how the console signs in.
        web.get().uri("/console/api/v1/requests").header(HttpHeaders.AUTHORIZATION, bearer("office-li", "STAFF")).exchange()
                .expectStatus().isUnauthorized();
        assertThat(REQUEST_SERVICE.calls()).isEqualTo(before);
    }

    @Test
    void aChangeThatDoesNotComeFromTheConsolesOwnPagesIsRefused() {
        String session = signIn(600, "rt");
        int before = REQUEST_SERVICE.calls();
        web.post().uri("/console/api/v1/requests").cookie("console_session", session)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("console-request-refused");
        web.post().uri("/console/api/v1/requests").cookie("console_session", session).header(CONSOLE, "1")
                .header("Sec-Fetch-Site", "cross-site").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                .expectStatus().isForbidden();
        assertThat(REQUEST_SERVICE.calls()).isEqualTo(before);

        web.post().uri("/console/api/v1/requests").cookie("console_session", session).header(CONSOLE, "1")
                .header("Sec-Fetch-Site", "same-origin").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aTokenAboutToEndIsRenewedOnceForCallsMadeAtOnce() {
        String session = signIn(5, "rt");
        int before = MEMBER_SERVICE.callsTo("/oauth2/token");

        List<EntityExchangeResult<byte[]>> answers = Flux.range(0, 6)
                .flatMap(call -> Mono.fromCallable(() -> web.get().uri("/console/api/v1/requests")
                        .cookie("console_session", session).exchange().expectBody().returnResult())
                        .subscribeOn(Schedulers.boundedElastic()), 6)
                .collectList().block(Duration.ofSeconds(30));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.getStatus().value()).isEqualTo(200);
            assertThat(answer.getResponseCookies().getFirst("console_session")).as("the renewed session").isNotNull();
        });
        assertThat(MEMBER_SERVICE.callsTo("/oauth2/token") - before).as("refresh tokens are good once").isEqualTo(1);
    }

    @Test
    void aSessionTheIssuerNoLongerRenewsEndsWithA401AndAClearedCookie() {
        String session = signIn(5, "revoked");
        MEMBER_SERVICE.issue(() -> "{}");
        web.get().uri("/console/api/v1/requests").cookie("console_session", session).exchange()
                .expectStatus().isUnauthorized()
                .expectCookie().maxAge("console_session", Duration.ZERO);
    }

    @Test
    void signingOutRevokesTheRefreshTokenAndClearsTheCookie() {
        String session = signIn(600, "rt");
        int before = MEMBER_SERVICE.callsTo("/api/v1/auth/logout");
        web.delete().uri("/console/session").cookie("console_session", session).header(CONSOLE, "1").exchange()
                .expectStatus().isNoContent()
                .expectCookie().maxAge("console_session", Duration.ZERO);
        assertThat(MEMBER_SERVICE.callsTo("/api/v1/auth/logout") - before).isEqualTo(1);
    }

    @Test
    void thePagesAreServedUnderAPolicyWithoutInlineCode() {
        web.get().uri("/console").exchange().expectStatus().isPermanentRedirect()
                .expectHeader().location("/console/");
        String policy = web.get().uri("/console/").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .returnResult(String.class).getResponseHeaders().getFirst("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        web.get().uri("/console/app.js").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript");
        // Swagger UI keeps its own policy.
        assertThat(web.get().uri("/swagger-ui.html").exchange().returnResult(String.class).getResponseHeaders()
                .getFirst("Content-Security-Policy")).isNotEqualTo(policy);
    }
}
