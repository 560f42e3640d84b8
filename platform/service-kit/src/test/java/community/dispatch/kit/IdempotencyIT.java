package community.dispatch.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.kit.idempotency.IdempotencyFilter;
import community.dispatch.testing.TestTokensConfiguration;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

@KitIntegrationTest
class IdempotencyIT {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    @Autowired
    WebTestClient web;

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

    private EntityExchangeResult<Map<String, Object>> post(String token, String key, String name) {
        return web.post().uri("/notes").headers(h -> {
                    h.setBearerAuth(token);
                    h.set(IdempotencyFilter.HEADER, key);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name, "size", 1)).exchange()
                .expectBody(MAP).returnResult();
    }
}
