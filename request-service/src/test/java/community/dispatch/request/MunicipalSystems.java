package community.dispatch.request;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import community.dispatch.events.DomainEvent;
import community.dispatch.events.EventCodec;
import community.dispatch.events.Topics;
import community.dispatch.events.member.MunicipalSystemRegistered;
import community.dispatch.events.member.MunicipalSystemRetired;

/**
 * Municipal systems as member-service's register tells request-service of them, and the Open311 keys admins
 * issue them: registered or retired once request-service has taken the news in.
 */
final class MunicipalSystems {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    private final WebTestClient web;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;
    private final DatabaseClient database;

    MunicipalSystems(WebTestClient web, KafkaTemplate<String, byte[]> kafka, EventCodec codec, DatabaseClient database) {
        this.web = web;
        this.kafka = kafka;
        this.codec = codec;
        this.database = database;
    }

    /** An admin registered the system with member-service, and request-service now takes its tickets. */
    String registered(String clientId) {
        publish(new MunicipalSystemRegistered(clientId, "City platform " + clientId));
        await().atMost(PATIENCE).until(() -> known(clientId));
        return clientId;
    }

    /** An admin retired the system, and request-service no longer takes its tickets. */
    void retired(String clientId) {
        publish(new MunicipalSystemRetired(clientId));
        await().atMost(PATIENCE).until(() -> !known(clientId));
    }

    /** A new Open311 api_key for the system, as an admin issues it (shown this once). */
    String apiKey(String clientId, String adminToken) {
        return (String) web.post().uri("/api/v1/open311/api-keys").headers(h -> h.setBearerAuth(adminToken))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("clientId", clientId)).exchange()
                .expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody().get("apiKey");
    }

    /** What member-service publishes on its register topic, as it publishes it. */
    void publish(DomainEvent event) {
        kafka.send(Topics.MEMBER_EVENTS, event.subject(), codec.toStructured(codec.wrap(event, URI.create("/member-service")))).join();
    }

    private boolean known(String clientId) {
        return database.sql("SELECT 1 FROM municipal_system WHERE client_id = :id").bind("id", clientId)
                .map(row -> true).one().blockOptional().isPresent();
    }
}
