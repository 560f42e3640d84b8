package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.events.DomainEvent;
import community.dispatch.events.Topics;
import community.dispatch.events.member.MemberErased;
import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.order.OrderCompleted;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.request.People.Person;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * A context (and so a database) of its own, so the figures are over exactly the requests made here — and stay the same
 * when the requester is erased, while what they wrote and where they live goes.
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
@TestPropertySource(properties = "dispatch.test.context=kpis")
class KpisIT extends ServiceTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() { };

    @Autowired
    DatabaseClient database;

    @Test
    void theThreeRatesAndTheSlaFiguresCountWhatHappenedAndOutliveTheRequestersErasure() {
        Person resident = People.resident("G01");
        UUID happy = submit(resident, "household-help");
        UUID unhappy = submit(resident, "household-help");
        submit(resident, "household-help");
        UUID withdrawn = submit(resident, "household-help");
        UUID sewing = submit(People.resident("G02"), "sewing-mending");
        for (UUID id : List.of(happy, unhappy)) {
            UUID order = UUID.randomUUID();
            UUID volunteer = UUID.randomUUID();
            publish(new OrderOffered(order, id, volunteer, "red-steward", Instant.now().plusSeconds(900)));
            publish(new OrderAccepted(order, id, volunteer));
            publish(new OrderCompleted(order, id, volunteer, Instant.now(), "done"));
        }
        publish(new OrderCompleted(UUID.randomUUID(), sewing, UUID.randomUUID(), Instant.now(), "mended"));
        web.post().uri("/api/v1/requests/" + withdrawn + "/cancellation").headers(h -> h.setBearerAuth(resident.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange().expectStatus().isOk();
        for (UUID id : List.of(happy, unhappy, sewing)) {
            awaitResolved(id);
        }
        rate(resident, happy, 5, "李阿姨人很好");
        rate(resident, unhappy, 2, "來得太晚");

        Map<String, Object> overall = figures("NONE").get(0);
        assertThat(overall).containsEntry("requests", 4).containsEntry("resolved", 3).containsEntry("rated", 2)
                .containsEntry("responseRate", 0.75).containsEntry("resolutionRate", 0.75)
                .containsEntry("satisfactionRate", 0.5).containsEntry("slaCompliance", 1.0);
        assertThat(overall.get("medianHoursToResolve")).isNotNull();

        assertThat(figures("TEAM")).extracting(f -> f.get("key") + ":" + f.get("requests"))
                .containsExactly("-:2", "red-steward:2");
        assertThat(figures("GRID")).extracting(f -> f.get("key") + ":" + f.get("resolved"))
                .containsExactly("G01:2", "G02:1");
        web.get().uri("/api/v1/requests/kpis").headers(h -> h.setBearerAuth(resident.token())).exchange()
                .expectStatus().isForbidden();

        Map<String, Object> export = exportOf(resident, resident.token());
        assertThat((List<?>) export.get("requests")).as("their export: every request they made").hasSize(4);
        assertThat(export.toString()).contains("13800138000").contains("rated 5 of 5").doesNotContain(sewing.toString());

        List<List<Map<String, Object>>> before = List.of(figures("NONE"), figures("TEAM"), figures("GRID"));
        publish(Topics.MEMBER_EVENTS, new MemberErased(resident.id(), Instant.now()), "/member-service");
        await().atMost(Duration.ofSeconds(30)).until(() -> rows("SELECT count(*) FROM outbox_event WHERE event_type = "
                + "'community.dispatch.request.member-erased.v1' AND message_key = '" + resident.id() + "' AND payload->'data'->>'requests' = '4'") == 1);
        assertThat(List.of(figures("NONE"), figures("TEAM"), figures("GRID"))).as("the month's KPIs").isEqualTo(before);
        String theirs = "(SELECT id FROM service_request WHERE requester_id = '" + resident.id() + "')";
        assertThat(rows("SELECT count(*) FROM service_request WHERE id IN " + theirs + " AND (details::text LIKE '%13800138000%'"
                + " OR details->'location'->>'buildingCode' IS NOT NULL)")).as("what they wrote, where they live").isZero();
        assertThat(rows("SELECT count(*) FROM service_request WHERE id NOT IN " + theirs + " AND details::text LIKE '%13800138000%'"))
                .as("another resident's request keeps what they wrote").isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM outbox_event WHERE payload::text LIKE '%李阿姨%' OR (message_key IN (SELECT id::text FROM "
                + theirs + " r) AND payload->'data'->>'building' IS NOT NULL)")).as("in the events kept for replay").isZero();
        assertThat(web.get().uri("/api/v1/requests/" + happy).headers(h -> h.setBearerAuth(People.staff().token())).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody().toString())
                .doesNotContain("13800138000").contains("rating=5");
        assertThat(exportOf(resident, People.staff().token()).toString()).doesNotContain("13800138000").doesNotContain("李阿姨");
        web.get().uri("/api/v1/requests/kpis?from=2026-11-30&to=2026-11-01").headers(h -> h.setBearerAuth(People.staff().token()))
                .exchange().expectStatus().isBadRequest();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> figures(String groupBy) {
        Map<String, Object> answer = web.get().uri("/api/v1/requests/kpis?groupBy=" + groupBy)
                .headers(h -> h.setBearerAuth(People.staff().token())).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        return (List<Map<String, Object>>) answer.get("figures");
    }

    private UUID submit(Person person, String category) {
        Map<String, Object> answer = web.post().uri("/api/v1/requests").headers(h -> h.setBearerAuth(person.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("categoryCode", category, "description", "KPI test: 住5號樓301，電話13800138000",
                        "attributes", category.equals("household-help") ? Map.of("kind", "errand") : Map.of(),
                        "location", Map.of("compoundCode", "C01", "buildingCode", "5", "unitCode", "301")))
                .exchange().expectStatus().isCreated().expectBody(MAP).returnResult().getResponseBody();
        return UUID.fromString((String) ((Map<?, ?>) answer.get("request")).get("id"));
    }

    private void rate(Person person, UUID id, int stars, String comment) {
        web.post().uri("/api/v1/requests/" + id + "/evaluation").headers(h -> h.setBearerAuth(person.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("rating", stars, "comment", comment)).exchange()
                .expectStatus().isOk();
    }

    private void awaitResolved(UUID id) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(web.get().uri("/api/v1/requests/" + id)
                .headers(h -> h.setBearerAuth(People.staff().token())).exchange()
                .expectBody(MAP).returnResult().getResponseBody().get("status")).isEqualTo("RESOLVED"));
    }

    private void publish(DomainEvent event) {
        publish(Topics.ORDER_EVENTS, event, "/volunteer-service");
    }

    private void publish(String topic, DomainEvent event, String source) {
        kafka.send(topic, event.subject(), codec.toStructured(codec.wrap(event, URI.create(source)))).join();
    }

    private Map<String, Object> exportOf(Person person, String token) {
        return web.get().uri("/api/v1/requests/export?memberId=" + person.id()).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
    }

    private long rows(String sql) {
        return database.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }
}
