package community.dispatch.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.DomainEvent;
import community.dispatch.events.EventCodec;
import community.dispatch.events.Topics;
import community.dispatch.events.order.OrderOffered;
import community.dispatch.events.order.OrderUnassignable;
import community.dispatch.events.request.RequestResolved;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.events.request.RequestUpdated;
import community.dispatch.testing.MovableClock;

/**
 * People are told of offers, of their requests resolved and — when a rule names them — of requests nobody
 * takes, by their first channel that reaches them, in
 * their language, after their quiet hours, and once per event however often it is delivered. Texts are
 * read in the SMS and push sandboxes, as an admin would.
 */
@MemberServiceTest
class NotificationsIT extends MemberServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ZoneId HUAIBEI = ZoneId.of("Asia/Shanghai");

    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    EventCodec codec;
    @Autowired
    MovableClock clock;
    @Autowired
    DatabaseClient database;

    @Test
    void anOfferIsToldOnceInSimplifiedChineseByTextEvenWhenItsEventComesTwice() {
        String phone = Accounts.newPhone();
        Map<String, Object> volunteer = accounts.signedInMember("志愿者 Volunteer", phone, "RESIDENT", "VOLUNTEER");
        UUID member = memberId(volunteer);
        int before = accounts.sandbox(phone).size();

        OrderOffered offer = offerTo(member, Duration.ofMinutes(10));
        byte[] once = codec.toStructured(codec.wrap(offer, URI.create("/volunteer-service")));
        send(Topics.ORDER_EVENTS, offer.requestId(), once);
        send(Topics.ORDER_EVENTS, offer.requestId(), once);
        // The same offer published again under a new event id (a relay that sent it twice) is still one occasion.
        publish(Topics.ORDER_EVENTS, offer.requestId(), offer);
        // A second offer, after them on the same partition: once it is told, the repeats were read.
        OrderOffered marker = new OrderOffered(UUID.randomUUID(), offer.requestId(), member, "weaver", offer.expiresAt());
        publish(Topics.ORDER_EVENTS, offer.requestId(), marker);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(accounts.sandbox(phone)).hasSize(before + 2));
        assertThat(accounts.sandbox(phone).subList(0, 2)).extracting(message -> (String) message.get("text"))
                .allSatisfy(text -> assertThat(text).startsWith("【社区派单】有新的服务请求派给您，请在 ")
                        .contains(LocalTime.ofInstant(offer.expiresAt(), HUAIBEI).truncatedTo(ChronoUnit.MINUTES).toString()));
        assertThat(mine((String) volunteer.get("access_token"))).extracting(told -> told.get("occasion") + " " + told.get("status")
                + " " + told.get("channel")).containsExactlyInAnyOrder(marker.orderId() + "/offered SENT SMS",
                offer.orderId() + "/offered SENT SMS");
    }

    @Test
    void pushInTheChosenLanguageWaitsForTheQuietHoursToEndAndAnOfferThatExpiredMeanwhileIsNotSent() {
        String phone = Accounts.newPhone();
        Map<String, Object> volunteer = accounts.signedInMember("志愿者 Volunteer", phone, "RESIDENT", "VOLUNTEER");
        String token = (String) volunteer.get("access_token");
        UUID member = memberId(volunteer);
        String device = "huawei:" + member;
        LocalTime now = LocalTime.ofInstant(clock.instant(), HUAIBEI).truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> settings = new HashMap<>(Map.of("channels", List.of("PUSH", "SMS"), "language", "en", "pushDevice", device,
                "quietFrom", now.minusMinutes(1).toString(), "quietTo", now.plusMinutes(3).toString()));
        web.put().uri("/api/v1/notifications/settings").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(settings).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.language").isEqualTo("en").jsonPath("$.pushDevice").isEqualTo(device);
        int texts = accounts.sandbox(phone).size();

        OrderOffered lasting = offerTo(member, Duration.ofMinutes(30));
        OrderOffered brief = offerTo(member, Duration.ofMinutes(2));
        publish(Topics.ORDER_EVENTS, lasting.requestId(), lasting);
        publish(Topics.ORDER_EVENTS, brief.requestId(), brief);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(mine(token)).hasSize(2).allSatisfy(told -> {
            assertThat(told).containsEntry("status", "PENDING");
            assertThat(Instant.parse((String) told.get("dueAt"))).isAfter(clock.instant());
        }));
        assertThat(pushes(device)).isEmpty();

        clock.advance(Duration.ofMinutes(4));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(mine(token)).extracting(told -> told.get("occasion") + " " + told.get("status"))
                .containsExactlyInAnyOrder(lasting.orderId() + "/offered SENT", brief.orderId() + "/offered STALE"));
        assertThat(pushes(device)).singleElement().satisfies(push -> {
            assertThat(push).containsEntry("title", "community-dispatch");
            assertThat((String) push.get("text")).startsWith("community-dispatch: a request is offered to you");
        });
        assertThat(accounts.sandbox(phone)).as("no text besides the push").hasSize(texts);
    }

    @Test
    void aResidentIsToldTheirRequestIsTakenAndResolved() {
        String phone = Accounts.newPhone();
        Map<String, Object> resident = accounts.signedInMember("居民 Resident", phone, "RESIDENT");
        UUID member = memberId(resident);
        UUID request = UUID.randomUUID();
        publish(Topics.REQUEST_EVENTS, request, new RequestSubmitted(request, "sewing-mending", "NORMAL", "APP", member,
                clock.instant(), "DISPATCH", "C01", "G01"));
        publish(Topics.REQUEST_EVENTS, request, RequestUpdated.movedTo(request, "DISPATCHING"));
        publish(Topics.REQUEST_EVENTS, request, RequestUpdated.movedTo(request, "ASSIGNED"));
        publish(Topics.REQUEST_EVENTS, request, new RequestResolved(request, clock.instant()));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(accounts.sandbox(phone)).extracting(message -> (String) message.get("text"))
                .contains("【社区派单】您的诉求已办结，请在应用中评价。", "【社区派单】您的诉求已有志愿者接单，可在应用中查看进展。")
                .hasSize(3));
    }

    @Test
    void aRequestNobodyTakesIsToldToTheLeadersAndGridWorkersItsRuleNames() {
        String grid = TestCommunity.newGridCode("N");
        TestCommunity.grid(database, grid);
        String leaderPhone = Accounts.newPhone();
        String workerPhone = Accounts.newPhone();
        String residentPhone = Accounts.newPhone();
        UUID leader = accounts.register("队长 Leader", leaderPhone, "RESIDENT", "VOLUNTEER", "TEAM_LEADER");
        UUID worker = accounts.register("网格员 Grid worker", workerPhone, "RESIDENT", "GRID_WORKER");
        UUID resident = accounts.register("居民 Resident", residentPhone, "RESIDENT");
        web.put().uri("/api/v1/grids/" + grid + "/posts/" + worker).headers(h -> h.setBearerAuth(accounts.admin()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("post", "GRID", "answersFor", "网格 " + grid)).exchange()
                .expectStatus().isOk();

        UUID request = UUID.randomUUID();
        publish(Topics.REQUEST_EVENTS, request, new RequestSubmitted(request, "household-help", "NORMAL", "APP", resident,
                clock.instant(), "DISPATCH", "C01", grid));
        // Delivered twice: told once each.
        byte[] nobody = codec.toStructured(codec.wrap(new OrderUnassignable(request, "no eligible volunteer is free", List.of("red-steward"),
                List.of("TEAM_LEADER", "GRID_WORKER"), List.of(leader)), URI.create("/volunteer-service")));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(requesterKnown(request)).isTrue());
        send(Topics.ORDER_EVENTS, request, nobody);
        send(Topics.ORDER_EVENTS, request, nobody);

        String told = "【社区派单】有一项服务请求无人接单，请在应用中查看并指派。";
        for (String phone : List.of(leaderPhone, workerPhone)) {
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(accounts.sandbox(phone))
                    .extracting(message -> (String) message.get("text")).containsOnlyOnce(told));
        }
        assertThat(accounts.sandbox(residentPhone)).extracting(message -> (String) message.get("text")).doesNotContain(told);
    }

    private boolean requesterKnown(UUID request) {
        return Boolean.TRUE.equals(database.sql("SELECT true AS known FROM known_request WHERE request_id = :id").bind("id", request)
                .map(row -> row.get("known", Boolean.class)).one().defaultIfEmpty(false).block());
    }

    @Test
    void settingsThatCannotBeKeptAreRefusedFieldByField() {
        String token = (String) accounts.signedInMember("居民 Resident", Accounts.newPhone(), "RESIDENT").get("access_token");
        web.put().uri("/api/v1/notifications/settings").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channels", List.of("SMS"), "language", "zh-Hans", "quietFrom", "22:00")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("quietTo");
        web.put().uri("/api/v1/notifications/settings").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("channels", List.of("SMS"), "language", "fr")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("language");
        for (String device : List.of("https://attacker.example/hook", "huawei:", "unknown-vendor:0a1b2c3d4e5f", "fcm:<script>xyz</script>")) {
            web.put().uri("/api/v1/notifications/settings").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("channels", List.of("PUSH"), "language", "en", "pushDevice", device)).exchange()
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("pushDevice");
        }
        web.get().uri("/api/v1/notifications/settings").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.channels[0]").isEqualTo("PUSH").jsonPath("$.channels[1]").isEqualTo("SMS")
                .jsonPath("$.language").isEqualTo("zh-Hans");
    }

    private OrderOffered offerTo(UUID volunteer, Duration open) {
        return new OrderOffered(UUID.randomUUID(), UUID.randomUUID(), volunteer, "weaver", clock.instant().plus(open));
    }

    private static UUID memberId(Map<String, Object> tokens) {
        return UUID.fromString((String) Accounts.claims((String) tokens.get("access_token")).get("sub"));
    }

    private List<Map<String, Object>> mine(String token) {
        return web.get().uri("/api/v1/notifications").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBodyList(Accounts.MAP).returnResult().getResponseBody();
    }

    private List<Map<String, Object>> pushes(String device) {
        return web.get().uri(uri -> uri.path("/api/v1/notifications/push-sandbox").queryParam("device", device).build())
                .headers(h -> h.setBearerAuth(accounts.admin())).exchange()
                .expectStatus().isOk().expectBodyList(Accounts.MAP).returnResult().getResponseBody();
    }

    private void publish(String topic, UUID key, DomainEvent event) {
        CloudEvent envelope = codec.wrap(event, URI.create("/test"));
        send(topic, key, codec.toStructured(envelope));
    }

    private void send(String topic, UUID key, byte[] value) {
        kafka.send(topic, key.toString(), value).join();
    }
}
