package community.dispatch.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.kit.idempotency.IdempotencyFilter;
import community.dispatch.testing.ChunkedFlood;
import community.dispatch.testing.TestTokensConfiguration;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

@KitIntegrationTest
class IdempotencyIT {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient database;

    @LocalServerPort
    int port;

    private final String resident = TestTokensConfiguration.TOKENS.token("resident-idem", "RESIDENT");

    @Test
    void aRetriedCallIsAnsweredAsTheFirstWasAndActsOnce() {
        String name = "note-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        EntityExchangeResult<Map<String, Object>> first = post(resident, key, name);
        EntityExchangeResult<Map<String, Object>> retry = post(resident, key, name);

        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(first.getResponseBody()).containsEntry("effects", 1);
        assertThat(first.getResponseHeaders().getFirst(IdempotencyFilter.REPLAYED)).isNull();
        assertThat(retry.getStatus().value()).isEqualTo(201);
        assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(retry.getResponseHeaders().getFirst(IdempotencyFilter.REPLAYED)).isEqualTo("true");
        assertThat(post(resident, UUID.randomUUID().toString(), name).getResponseBody()).as("a new key acts again")
                .containsEntry("effects", 2);
    }

    @Test
    void concurrentRetriesWaitForTheFirstAndActOnce() {
        String name = "slow-note-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        List<Map<String, Object>> answers = Flux.range(0, 6)
                .parallel(6).runOn(Schedulers.boundedElastic())
                .map(i -> post(resident, key, name).getResponseBody())
                .sequential().collectList().block();

        assertThat(answers).hasSize(6).allSatisfy(answer -> assertThat(answer).containsEntry("effects", 1));
        assertThat(post(resident, UUID.randomUUID().toString(), name).getResponseBody()).containsEntry("effects", 2);
    }

    @Test
    void keysAreTheCallersOwnAndCannotBeReusedForAnotherCall() {
        String key = UUID.randomUUID().toString();
        String someoneElse = TestTokensConfiguration.TOKENS.token("resident-other", "RESIDENT");

        post(resident, key, "note-" + UUID.randomUUID());

        assertThat(post(someoneElse, key, "note-" + UUID.randomUUID()).getStatus().value()).as("another caller's key")
                .isEqualTo(201);
        web.post().uri("/notes").headers(h -> {
                    h.setBearerAuth(resident);
                    h.set(IdempotencyFilter.HEADER, key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "something else", "size", 1)).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("idempotency-key-reused");
    }

    @Test
    void aRefusedCallIsNotRememberedAndABadKeyIsA400() {
        String key = UUID.randomUUID().toString();
        web.post().uri("/notes").headers(h -> {
                    h.setBearerAuth(resident);
                    h.set(IdempotencyFilter.HEADER, key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "refused", "size", 1)).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("refused");
        String name = "note-" + UUID.randomUUID();
        web.post().uri("/notes").headers(h -> {
                    h.setBearerAuth(resident);
                    h.set(IdempotencyFilter.HEADER, "x".repeat(201));
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name, "size", 1)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(IdempotencyFilter.HEADER);
        assertThat(post(resident, UUID.randomUUID().toString(), name).getResponseBody()).as("the 400 acted on nothing")
                .containsEntry("effects", 1);
    }

    @Test
    void nothingIsKeptForAnAnonymousCaller() {
        String name = "open-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        for (int call = 1; call <= 2; call++) {
            web.post().uri("/open-notes").header(IdempotencyFilter.HEADER, key)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name, "size", 1)).exchange()
                    .expectStatus().isCreated()
                    .expectHeader().doesNotExist(IdempotencyFilter.REPLAYED)
                    .expectBody().jsonPath("$.effects").isEqualTo(call);
        }
        assertThat(keptAnswers(key)).as("no row for a caller nobody authenticated").isZero();
    }

    @Test
    void aBodyStreamedPastTheLimitIsA413AndKeepsNothing() {
        String key = UUID.randomUUID().toString();
        ChunkedFlood.Outcome flood = ChunkedFlood.post(port, "/notes", Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + resident,
                IdempotencyFilter.HEADER, key, HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE), 64L << 20);
        assertThat(flood.status()).isEqualTo(413);
        assertThat(flood.body()).contains("payload-too-large");
        assertThat(keptAnswers(key)).isZero();
    }

    @Test
    void anAnswerHoldingASecretIsNotKeptAndARepeatIsToldSo() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> first = web.post().uri("/secrets").headers(h -> {
                    h.setBearerAuth(resident);
                    h.set(IdempotencyFilter.HEADER, key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "key", "size", 1)).exchange()
                .expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        web.post().uri("/secrets").headers(h -> {
                    h.setBearerAuth(resident);
                    h.set(IdempotencyFilter.HEADER, key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "key", "size", 1)).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody(String.class).value(body -> assertThat(body).contains("secret-shown-once", "/secrets/" + first.get("id"))
                        .doesNotContain((String) first.get("secret")));
        byte[] kept = database.sql("SELECT body FROM idempotent_response WHERE key = :key").bind("key", key)
                .map(row -> Optional.ofNullable(row.get("body", byte[].class))).one().block().orElse(null);
        assertThat(kept).as("the secret is nowhere in the table").isNull();
    }

    @Test
    void answersArePurgedAfterADay() {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        database.sql("""
                        INSERT INTO idempotent_response (caller, key, fingerprint, status, body, created_at)
                        VALUES ('resident-idem', :old, 'f', 201, '\\x00', now() - interval '25 hours'),
                               ('resident-idem', :recent, 'f', 201, '\\x00', now() - interval '23 hours')""")
                .bind("old", old).bind("recent", recent).fetch().rowsUpdated().block();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> keptAnswers(old) == 0);
        assertThat(keptAnswers(recent)).isOne();
    }

    private long keptAnswers(String key) {
        return database.sql("SELECT count(*) AS n FROM idempotent_response WHERE key = :key").bind("key", key)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private EntityExchangeResult<Map<String, Object>> post(String token, String key, String name) {
        return web.post().uri("/notes").headers(h -> {
                    h.setBearerAuth(token);
                    h.set(IdempotencyFilter.HEADER, key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name, "size", 1)).exchange()
                .expectBody(MAP).returnResult();
    }
}
