package community.dispatch.kit;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.testing.TestTokensConfiguration;

/**
 * A client that reuses its keep-alive connections — as the gateway and mobile apps do — is answered
 * every time, also when an answer written from the database driver's thread is followed at once by
 * one the server gives synchronously. Without {@link community.dispatch.web.server.KeepAliveReadFix}
 * Reactor Netty stops reading such a connection after a few hundred of these pairs and the next call
 * is never answered.
 */
@KitIntegrationTest
class KeepAliveIT {

    @Autowired
    WebTestClient web;

    @Test
    void everyCallOnAReusedConnectionIsAnswered() {
        String token = TestTokensConfiguration.TOKENS.token("keep-alive", "RESIDENT");
        WebTestClient client = web.mutate().responseTimeout(Duration.ofSeconds(3)).build();
        for (int i = 0; i < 1500; i++) {
            client.post().uri("/notes").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "keep-alive", "size", 1)).exchange()
                    .expectStatus().isCreated().expectBody().consumeWith(answer -> { });
            client.get().uri("/things/known").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isOk().expectBody().consumeWith(answer -> { });
        }
    }
}
