package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import community.dispatch.request.People.Person;
import community.dispatch.testing.ChunkedFlood;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * Open311's writes as an attacker meets them: the api_key is checked before anything is kept (an anonymous
 * call's Idempotency-Key leaves no row), a body is read only up to the limit, a key in the address is refused,
 * and the answer that shows a new key is never kept — while a live key's keyed filing is still answered once.
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
class Open311WritesIT extends ServiceTestSupport {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };

    private final String city = "municipal-" + UUID.randomUUID().toString().substring(0, 12);
    private final Person admin = People.admin();
    private String apiKey;

    @LocalServerPort
    int port;

    @BeforeEach
    void theCityHasAKey() {
        new MunicipalSystems(web, kafka, codec, database).registered(city);
        apiKey = issue(UUID.randomUUID().toString()).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("apiKey").toString();
    }

    @Test
    void aLiveKeysKeyedFilingIsAnsweredOnceAndKeptUnderItsSystem() {
        String key = UUID.randomUUID().toString();
        List<Map<String, Object>> first = file(apiKey, key).expectStatus().isCreated().expectBody(LIST).returnResult().getResponseBody();
        file(apiKey, key).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(LIST).isEqualTo(first);
        assertThat(keptUnder(key)).containsExactly(city);
        assertThat(database.sql("SELECT count(*) AS n FROM service_request WHERE source_system = :city").bind("city", city)
                .map(row -> row.get("n", Long.class)).one().block()).isOne();
    }

    @Test
    void aCallWithoutALiveKeyKeepsNothingHowOftenItIsSent() {
        String key = UUID.randomUUID().toString();
        for (int call = 0; call < 3; call++) {
            file("not-a-key", key).expectStatus().isForbidden().expectHeader().doesNotExist("Idempotent-Replayed");
        }
        assertThat(keptUnder(key)).isEmpty();
    }

    @Test
    void aKeyInTheAddressIsRefusedAndNotRead() {
        web.post().uri("/open311/v2/requests.json?api_key=" + apiKey).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(filing(null))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$[0].description").isEqualTo("send api_key in the form body, never in the address");
    }

    @Test
    void aChunkedBodyPastTheLimitIsA413AndNothingIsKept() {
        String key = UUID.randomUUID().toString();
        ChunkedFlood.Outcome flood = ChunkedFlood.post(port, "/open311/v2/requests.json",
                Map.of("Idempotency-Key", key, "Content-Type", MediaType.APPLICATION_FORM_URLENCODED_VALUE), 256L << 20);
        assertThat(flood.status()).isEqualTo(413);
        assertThat(flood.bytesSent()).isLessThan(64L << 20);
        assertThat(keptUnder(key)).isEmpty();
    }

    @Test
    void theAnswerShowingANewKeyIsNeverKept() {
        String key = UUID.randomUUID().toString();
        String shown = issue(key).expectStatus().isCreated()
                .expectHeader().cacheControl(CacheControl.noStore())
                .expectBody(Map.class).returnResult().getResponseBody().get("apiKey").toString();
        issue(key).expectStatus().isEqualTo(409)
                .expectBody(String.class).value(body -> assertThat(body).contains("secret-shown-once").doesNotContain(shown));
        assertThat(database.sql("SELECT body FROM idempotent_response WHERE key = :key").bind("key", key)
                .map(row -> Optional.ofNullable(row.get("body", byte[].class))).one().block()).isEmpty();
    }

    private WebTestClient.ResponseSpec issue(String idempotencyKey) {
        return web.post().uri("/api/v1/open311/api-keys").headers(h -> {
                    h.setBearerAuth(admin.token());
                    h.set("Idempotency-Key", idempotencyKey);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("clientId", city)).exchange();
    }

    private WebTestClient.ResponseSpec file(String key, String idempotencyKey) {
        return web.post().uri("/open311/v2/requests.json").header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(filing(key))).exchange();
    }

    private static MultiValueMap<String, String> filing(String key) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("service_code", "sewing-mending");
        form.add("address_id", "C05/5");
        form.add("description", "A torn coat");
        if (key != null) {
            form.add("api_key", key);
        }
        return form;
    }

    private List<String> keptUnder(String idempotencyKey) {
        return database.sql("SELECT caller FROM idempotent_response WHERE key = :key").bind("key", idempotencyKey)
                .map(row -> row.get("caller", String.class)).all().collectList().block();
    }
}
