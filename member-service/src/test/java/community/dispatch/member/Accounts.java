package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import community.dispatch.testing.FromTheGateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Signs people in through the real endpoints; test data comes from here, not from copied JSON. */
final class Accounts {

    static final String ADMIN_PASSWORD = "admin-password-for-tests";
    static final String ISSUER = "http://issuer.community-dispatch.test";
    static final String SIGNING_KEY_SECRET = "signing-key-secret-for-tests";
    private static final Pattern CODE = Pattern.compile("(\\d{6})");
    private static final AtomicLong ADDRESSES = new AtomicLong();
    private static final AtomicLong PHONES = new AtomicLong(System.nanoTime() % 10_000_000L);

    private final WebTestClient web;

    Accounts(WebTestClient web) {
        this.web = web;
    }

    /** A fresh, clearly fake phone number. */
    static String newPhone() {
        return String.format("199%08d", PHONES.incrementAndGet() % 100_000_000L);
    }

    /** A fresh address from the benchmarking block 198.18.0.0/15, standing for a client's own network. */
    static String newAddress() {
        long n = ADDRESSES.incrementAndGet();
        return "198." + (18 + (n >> 16) % 2) + "." + ((n >> 8) % 256) + "." + (n % 256);
    }

    Map<String, Object> passwordLogin(String username, String password) {
        return web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password)).exchange()
                .expectStatus().isOk()
                .expectBody(TOKEN).returnResult().getResponseBody();
    }

    String admin() {
        return (String) passwordLogin("admin", ADMIN_PASSWORD).get("access_token");
    }

    /** A token of a municipal system that an admin registered just now (client credentials). */
    String municipalSystemToken() {
        Map<String, Object> client = web.post().uri("/api/v1/auth/clients").headers(h -> h.setBearerAuth(admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "District platform")).exchange()
                .expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        return (String) web.post().uri("/oauth2/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials&client_id=" + client.get("clientId") + "&client_secret="
                        + client.get("clientSecret"))
                .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody().get("access_token");
    }

    /** Registers a member through the API as admin and answers their id. */
    UUID register(String name, String phone, String... roles) {
        return register(Map.of("name", name, "phone", phone, "roles", List.of(roles)));
    }

    UUID register(Map<String, Object> body) {
        Map<String, Object> created = web.post().uri("/api/v1/members").headers(h -> h.setBearerAuth(admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody(MAP).returnResult().getResponseBody();
        return UUID.fromString((String) created.get("id"));
    }

    /**
     * A member asks for a code from a network of their own, as residents at home do (code requests are limited per
     * network too), and waits for its text message: codes are sent from a queue, just after the answer.
     */
    void requestCode(String phone) {
        int before = codesTo(phone);
        askForCode(phone);
        await().atMost(Duration.ofSeconds(30)).until(() -> codesTo(phone) > before);
    }

    /** Asks for a code for any phone, a member's or not; answered at once, whatever becomes of it. */
    void askForCode(String phone) {
        web.post().uri("/api/v1/auth/codes").contentType(MediaType.APPLICATION_JSON).headers(FromTheGateway.client(newAddress()))
                .bodyValue(Map.of("phone", phone)).exchange()
                .expectStatus().isAccepted();
    }

    /** Waits until the phone has been texted a code. */
    void awaitCode(String phone) {
        await().atMost(Duration.ofSeconds(30)).until(() -> codesTo(phone) > 0);
    }

    private int codesTo(String phone) {
        return (int) sandbox(phone).stream().filter(message -> CODE.matcher((String) message.get("text")).find()).count();
    }

    /** The newest code the SMS sandbox holds for the phone, read as admin. */
    String latestCode(String phone) {
        // The newest message carrying a code: a member may be told other things (notifications) meanwhile.
        List<String> texts = sandbox(phone).stream().map(message -> (String) message.get("text")).toList();
        Matcher matcher = CODE.matcher(texts.stream().filter(text -> CODE.matcher(text).find()).findFirst().orElse(""));
        assertThat(matcher.find()).as("a code among the messages to %s: %s", phone, texts).isTrue();
        return matcher.group(1);
    }

    List<Map<String, Object>> sandbox(String phone) {
        return web.get().uri(uri -> uri.path("/api/v1/auth/sms-sandbox").queryParam("phone", phone).build())
                .headers(h -> h.setBearerAuth(admin())).exchange()
                .expectStatus().isOk()
                .expectBodyList(MAP).returnResult().getResponseBody();
    }

    WebTestClient.ResponseSpec codeLogin(String phone, String code) {
        return web.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phone", phone, "code", code)).exchange();
    }

    /** Registers a resident and asks for a code: the code the sandbox received. */
    String residentWithCode(String phone) {
        register("居民 Resident", phone, "RESIDENT");
        requestCode(phone);
        return latestCode(phone);
    }

    /** Registers a member with the roles and signs them in with a code: their token response. */
    Map<String, Object> signedInMember(String name, String phone, String... roles) {
        register(name, phone, roles);
        requestCode(phone);
        return codeLogin(phone, latestCode(phone)).expectStatus().isOk().expectBody(TOKEN).returnResult().getResponseBody();
    }

    /** The claims of a token, read without checking it (the service under test checks it). */
    static Map<String, Object> claims(String jwt) {
        byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return JsonMapper.builder().build().readValue(new String(payload, StandardCharsets.UTF_8), MAP_TYPE);
    }

    static final ParameterizedTypeReference<Map<String, Object>> MAP =
            new ParameterizedTypeReference<>() { };
    static final ParameterizedTypeReference<Map<String, Object>> TOKEN = MAP;
    static final TypeReference<Map<String, Object>> MAP_TYPE = new TypeReference<>() { };
}
