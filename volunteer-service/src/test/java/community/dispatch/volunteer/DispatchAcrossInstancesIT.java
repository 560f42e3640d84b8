package community.dispatch.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.events.DomainEvent;
import community.dispatch.events.Topics;
import community.dispatch.events.member.MemberRegistered;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.TestTokensConfiguration;
import community.dispatch.testing.TopicReader;

/**
 * Offers outlive an instance and are not doubled by a second one: a second volunteer-service on the
 * same database and broker joins the consumer group and the timers, and every request still gets one
 * offer at a time, the expired ones replaced exactly once.
 */
@ServiceIntegrationTest
@Import({ TestTokensConfiguration.class, MovableClockConfiguration.class })
@TestPropertySource(properties = { "dispatch.dispatching.timer-interval=300ms", "dispatch.test.context=instances" })
class DispatchAcrossInstancesIT extends ServiceTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    Environment environment;

    @Test
    void twoInstancesNeverDoubleOfferAndOpenOffersOutliveAnInstanceStopping() {
        String admin = TestTokensConfiguration.TOKENS.token(UUID.randomUUID().toString(), "ADMIN");
        List<UUID> volunteers = new ArrayList<>();
        // Room for every request twice over: each volunteer holds at most two open orders.
        for (int i = 0; i < 24; i++) {
            UUID member = UUID.randomUUID();
            volunteers.add(member);
            publish(Topics.MEMBER_EVENTS, member, new MemberRegistered(member, Set.of("VOLUNTEER"), "C02"));
        }
        await().atMost(PATIENCE).untilAsserted(() -> volunteers.forEach(member -> web.put()
                .uri("/api/v1/volunteers/" + member + "/teams").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("teams", List.of("weaver"))).exchange()
                .expectStatus().isOk()));

        List<UUID> requests = new ArrayList<>();
        try (ConfigurableApplicationContext second = secondInstance()) {
            for (int i = 0; i < 20; i++) {
                UUID request = UUID.randomUUID();
                requests.add(request);
                publish(Topics.REQUEST_EVENTS, request, new RequestSubmitted(request, "sewing-mending", "NORMAL", "APP",
                        UUID.randomUUID(), Instant.now(), "DISPATCH", "C02", "G01"));
            }
            await().atMost(PATIENCE).until(() -> openOffers() == 20);
            // All offers expire at once; both instances' timers race to replace them.
            MovableClockConfiguration.CLOCK.advance(Duration.ofDays(1));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(offerCounts(requests)).allMatch(count -> count >= 2));
        }
        for (UUID request : requests) {
            assertThat(database.sql("SELECT count(*) AS n FROM order_offer WHERE request_id = :id AND status = 'OFFERED'")
                    .bind("id", request).map(row -> row.get("n", Long.class)).one().block())
                    .as("one open offer for %s", request).isEqualTo(1L);
        }
        assertThat(offerCounts(requests)).as("each expired offer replaced once").containsOnly(2L);

        // The second instance is gone; the offers it made are still there and still expire, once.
        MovableClockConfiguration.CLOCK.advance(Duration.ofDays(1));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(offerCounts(requests)).containsOnly(3L));
        assertThat(openOffers()).isEqualTo(20);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(TopicReader.readAll(Topics.ORDER_EVENTS).stream()
                .filter(record -> requests.contains(UUID.fromString(record.key())))
                .map(record -> codec.read(Map.of(), record.value()).type())
                .filter(type -> type.endsWith("offered.v1")).count()).as("one event per offer").isEqualTo(60));
    }

    private ConfigurableApplicationContext secondInstance() {
        String[] arguments = Stream.concat(
                        Stream.of("spring.r2dbc.url", "spring.r2dbc.username", "spring.r2dbc.password", "spring.flyway.url",
                                        "spring.flyway.user", "spring.flyway.password", "spring.kafka.bootstrap-servers")
                                .map(name -> "--" + name + "=" + environment.getProperty(name)),
                        Stream.of("--server.port=0", "--management.server.port=0", "--dispatch.dispatching.timer-interval=300ms"))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(VolunteerServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", MovableClockConfiguration.CLOCK))
                .run(arguments);
    }

    private long openOffers() {
        return database.sql("SELECT count(*) AS n FROM order_offer WHERE status = 'OFFERED'")
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private List<Long> offerCounts(List<UUID> requests) {
        return requests.stream().map(request -> database.sql("SELECT count(*) AS n FROM order_offer WHERE request_id = :id")
                .bind("id", request).map(row -> row.get("n", Long.class)).one().block()).toList();
    }

    private void publish(String topic, UUID key, DomainEvent event) {
        kafka.send(topic, key.toString(), codec.toStructured(codec.wrap(event, URI.create("/test")))).join();
    }
}
