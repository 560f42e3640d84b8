package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.Topics;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.testing.AccessMatrix;
import community.dispatch.testing.AccessMatrix.Call;
import community.dispatch.testing.AccessMatrix.Caller;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * Every operation of request-service × the eight callers. Resident A and resident B are neighbours in
 * grid G01; the volunteer and the leader of another team are residents too; the grid worker serves
 * G02 but lives in G01 (where they live gives them nothing). The objects are resident A's.
 */
@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
@TestPropertySource(properties = "dispatch.requests.timer-interval=500ms")
class AccessMatrixIT extends ServiceTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    private final UUID residentA = UUID.randomUUID();

    private final Map<Caller, String> tokens = tokens();

    @Test
    void everyOperationAnswersEachCallerAsTheMatrixSays() {
        String request = requestOfA("household-help");
        String dispute = requestOfA("neighbour-dispute");
        String category = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
        web.post().uri("/api/v1/categories").headers(h -> h.setBearerAuth(tokens.get(Caller.ADMIN)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(category(category)).exchange().expectStatus().isCreated();

        AccessMatrix matrix = new AccessMatrix();
        //                                                                                  anon    A    B  vol  ldr  gwk  stf  adm
        matrix.operation("POST /api/v1/requests").call(Call.post("/api/v1/requests", householdHelp()))
                .expect(401, 201, 201, 201, 201, 201, 201, 201);
        matrix.operation("GET /api/v1/requests").call(Call.get("/api/v1/requests?grid=G01"))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /api/v1/requests/stream").call(Call.get("/api/v1/requests/stream"))
                .expect(401, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /api/v1/requests/board/stream").call(Call.get("/api/v1/requests/board/stream?grid=G01"))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("GET /api/v1/requests/export").call(Call.get("/api/v1/requests/export?memberId=" + residentA))
                .expect(401, 200, 403, 403, 403, 403, 200, 200);
        matrix.operation("GET /api/v1/requests/{id}").call(Call.get("/api/v1/requests/" + request))
                .expect(401, 200, 404, 404, 404, 404, 200, 200);
        matrix.operation("GET /api/v1/requests/{id}/timeline").call(Call.get("/api/v1/requests/" + request + "/timeline"))
                .expect(401, 200, 404, 404, 404, 404, 200, 200);
        matrix.operation("POST /api/v1/requests/{id}/cancellation")
                .call(caller -> Call.post("/api/v1/requests/" + requestOfA("household-help") + "/cancellation",
                        Map.of("reason", "fixed it myself")))
                .expect(401, 200, 404, 404, 404, 404, 200, 200);
        matrix.operation("POST /api/v1/requests/{id}/duplicate")
                .call(caller -> Call.post("/api/v1/requests/" + requestOfA("household-help") + "/duplicate",
                        Map.of("originalId", request)))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("POST /api/v1/requests/{id}/urgency")
                .call(caller -> Call.post("/api/v1/requests/" + requestOfA("household-help") + "/urgency",
                        Map.of("urgency", "COMPLEX")))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("POST /api/v1/requests/{id}/rejection")
                .call(caller -> Call.post("/api/v1/requests/" + requestOfA("household-help") + "/rejection",
                        Map.of("reason", "out of scope")))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("POST /api/v1/requests/{id}/evaluation")
                .call(caller -> Call.post("/api/v1/requests/" + (caller == Caller.RESIDENT_A ? resolvedRequestOfA() : request)
                        + "/evaluation", Map.of("rating", 5, "comment", "very kind")))
                .expect(401, 200, 404, 404, 404, 404, 403, 403);
        matrix.operation("GET /api/v1/requests/{id}/deliberation").call(Call.get("/api/v1/requests/" + dispute + "/deliberation"))
                .expect(401, 200, 404, 404, 404, 404, 200, 200);
        matrix.operation("POST /api/v1/requests/{id}/deliberation/sessions")
                .call(caller -> Call.post("/api/v1/requests/" + requestOfA("neighbour-dispute") + "/deliberation/sessions",
                        Map.of("heldOn", "2026-11-27", "parties", List.of("3-402", "3-502"), "outcome", "UNSETTLED",
                                "notes", "議事記錄")))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("POST /api/v1/requests/{id}/deliberation/escalation")
                .call(caller -> Call.post("/api/v1/requests/" + requestOfA("neighbour-dispute") + "/deliberation/escalation",
                        Map.of("reason", "both parties asked")))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("GET /api/v1/requests/kpis").call(Call.get("/api/v1/requests/kpis?groupBy=GRID"))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);
        matrix.operation("GET /api/v1/categories").call(Call.get("/api/v1/categories"))
                .expect(200, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /api/v1/categories/{code}").call(Call.get("/api/v1/categories/household-help"))
                .expect(200, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("POST /api/v1/categories")
                .call(caller -> Call.post("/api/v1/categories", category("matrix-" + caller.ordinal() + "-" + category)))
                .expect(401, 403, 403, 403, 403, 403, 403, 201);
        matrix.operation("PUT /api/v1/categories/{code}").call(Call.put("/api/v1/categories/" + category, category(category)))
                .expect(401, 403, 403, 403, 403, 403, 403, 200);
        matrix.operation("PUT /api/v1/categories/{code}/publication")
                .call(Call.put("/api/v1/categories/" + category + "/publication", Map.of("publicDetails", false)))
                .expect(401, 403, 403, 403, 403, 403, 200, 200);

        // Open311: reads are public; writes are decided by the api_key in the form, never by a token.
        String city = municipalSystem();
        String key = apiKey(city);
        String filed = filedThroughOpen311(key);
        matrix.operation("GET /open311/v2/discovery.{format}").call(Call.get("/open311/v2/discovery.json"))
                .expect(200, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /open311/v2/services.{format}").call(Call.get("/open311/v2/services.xml"))
                .expect(200, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /open311/v2/services/{service_code}.{format}").call(Call.get("/open311/v2/services/free-clinic.json"))
                .expect(200, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("POST /open311/v2/requests.{format}")
                .call(Call.post("/open311/v2/requests.json", Call.form("api_key", key, "service_code", "sewing-mending",
                        "address_string", "Building 2")))
                .expect(201, 201, 201, 201, 201, 201, 201, 201);
        matrix.operation("GET /open311/v2/requests.{format}").call(Call.get("/open311/v2/requests.json?status=open"))
                .expect(200, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /open311/v2/requests/{service_request_id}.{format}").call(Call.get("/open311/v2/requests/" + request + ".json"))
                .expect(200, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /open311/v2/tokens/{token}.{format}").call(Call.get("/open311/v2/tokens/" + filed + ".json"))
                .expect(200, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("GET /open311/v2/servicerequestupdates.{format}").call(Call.get("/open311/v2/servicerequestupdates.json"))
                .expect(200, 200, 200, 200, 200, 200, 200, 200);
        matrix.operation("POST /open311/v2/servicerequestupdates.{format}")
                .call(caller -> Call.post("/open311/v2/servicerequestupdates.json", Call.form("api_key", key,
                        "service_request_id", filed, "update_id", "matrix-" + caller, "description", "a note")))
                .expect(201, 201, 201, 201, 201, 201, 201, 201);
        matrix.operation("POST /api/v1/open311/api-keys").call(Call.post("/api/v1/open311/api-keys", Map.of("clientId", city)))
                .expect(401, 403, 403, 403, 403, 403, 403, 201);
        matrix.operation("GET /api/v1/open311/api-keys").call(Call.get("/api/v1/open311/api-keys"))
                .expect(401, 403, 403, 403, 403, 403, 403, 200);
        matrix.operation("DELETE /api/v1/open311/api-keys/{id}").call(caller -> Call.delete("/api/v1/open311/api-keys/" + keyId(apiKey(city))))
                .expect(401, 403, 403, 403, 403, 403, 403, 204);

        matrix.verify(web, tokens);
    }

    private String municipalSystem() {
        return new MunicipalSystems(web, kafka, codec, database).registered("municipal-matrix-" + UUID.randomUUID().toString().substring(0, 6));
    }

    private String apiKey(String city) {
        return new MunicipalSystems(web, kafka, codec, database).apiKey(city, tokens.get(Caller.ADMIN));
    }

    private UUID keyId(String key) {
        return database.sql("SELECT id FROM open311_api_key WHERE key_hint = :hint ORDER BY created_at DESC LIMIT 1")
                .bind("hint", key.substring(key.length() - 4)).map(row -> row.get("id", UUID.class)).one().block();
    }

    private String filedThroughOpen311(String key) {
        return (String) web.post().uri("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(org.springframework.web.reactive.function.BodyInserters.fromFormData(Call.form("api_key", key,
                        "service_code", "sewing-mending", "address_string", "Building 2")))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).returnResult().getResponseBody()
                .get(0).get("service_request_id");
    }

    private Map<Caller, String> tokens() {
        Map<Caller, String> all = new EnumMap<>(Caller.class);
        all.put(Caller.RESIDENT_A, resident(residentA, "G01", "RESIDENT"));
        all.put(Caller.RESIDENT_B, resident(UUID.randomUUID(), "G01", "RESIDENT"));
        all.put(Caller.VOLUNTEER, resident(UUID.randomUUID(), "G01", "RESIDENT", "VOLUNTEER"));
        all.put(Caller.OTHER_TEAM_LEADER, resident(UUID.randomUUID(), "G01", "RESIDENT", "VOLUNTEER", "TEAM_LEADER"));
        all.put(Caller.OTHER_GRID_WORKER, TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(),
                Map.of("grid", "G01", "compound", "C01", "grids", List.of("G02")), "RESIDENT", "GRID_WORKER"));
        all.put(Caller.STAFF, TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(), "STAFF"));
        all.put(Caller.ADMIN, TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(), "ADMIN"));
        return all;
    }

    private static String resident(UUID id, String grid, String... roles) {
        return TestTokensConfiguration.TOKENS.token(id.toString(), Map.of("grid", grid, "compound", "C01"), roles);
    }

    private String requestOfA(String categoryCode) {
        Map<String, Object> body = "neighbour-dispute".equals(categoryCode)
                ? Map.of("categoryCode", categoryCode, "description", "樓上漏水到我家 water from upstairs",
                        "attributes", Map.of("other-party", "3-502"))
                : householdHelp();
        Map<String, Object> answer = web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(tokens.get(Caller.RESIDENT_A)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        return (String) ((Map<?, ?>) answer.get("request")).get("id");
    }

    private String resolvedRequestOfA() {
        String id = requestOfA("household-help");
        CloudEvent done = codec.wrap(new OrderCompleted(UUID.randomUUID(), UUID.fromString(id), UUID.randomUUID(), Instant.now(), "done"),
                URI.create("/volunteer-service"));
        kafka.send(Topics.ORDER_EVENTS, id, codec.toStructured(done)).join();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(web.get().uri("/api/v1/requests/" + id)
                .headers(h -> h.setBearerAuth(tokens.get(Caller.RESIDENT_A))).exchange()
                .expectBody(MAP).returnResult().getResponseBody()).containsEntry("status", "RESOLVED"));
        return id;
    }

    private static Map<String, Object> householdHelp() {
        return Map.of("categoryCode", "household-help", "description", "水龍頭漏水 the kitchen tap leaks",
                "attributes", Map.of("kind", "repair"), "location", Map.of("buildingCode", "3", "unitCode", "201"));
    }

    private static Map<String, Object> category(String code) {
        return Map.of("code", code, "nameZh", "掃雪", "nameEn", "Snow clearing", "group", "environment",
                "description", "Clearing snow from paths", "slaClass", "URGENT", "route", "DISPATCH");
    }
}
