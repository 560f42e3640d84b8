package community.dispatch.volunteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import community.dispatch.events.Topics;
import community.dispatch.events.request.RequestCancelled;
import community.dispatch.kit.streams.LiveEvents;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;
import reactor.core.Disposable;

/**
 * A volunteer's live stream (GET /api/v1/orders/stream): offers arrive as they are made, a reconnect with
 * Last-Event-ID gets what happened meanwhile, any instance serves any volunteer, and the stream ends with
 * the token. The volunteer is the only one in the weaver team, which takes sewing requests.
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
@TestPropertySource(properties = "dispatch.test.context=streams")
class OrderStreamIT extends DispatchingTestSupport {

    private static final Logger log = LoggerFactory.getLogger(OrderStreamIT.class);
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> NEWS = new ParameterizedTypeReference<>() { };
    private static final String CATEGORY = "sewing-mending";

    @LocalServerPort
    int port;

    @Autowired
    LiveEvents live;

    @Autowired
    Environment environment;

    @Test
    void offersArriveAsTheyAreMadeAndAResumeMissesNothing() {
        UUID volunteer = onlyWeaver();
        await().atMost(PATIENCE).until(live::listening);

        List<ServerSentEvent<Map<String, Object>>> first = new CopyOnWriteArrayList<>();
        Disposable connection = connect(port, token(volunteer), null, first);
        Instant submitted = Instant.now();
        UUID request = submit(CATEGORY, "DISPATCH");
        ServerSentEvent<Map<String, Object>> offered = await().atMost(PATIENCE).until(() -> news(first, "offered"), found -> found != null);
        log.info("The offer reached the stream {} ms after the submission", Duration.between(submitted, Instant.now()).toMillis());
        assertThat(offered.data()).containsEntry("requestId", request.toString()).containsEntry("status", "OFFERED")
                .containsKey("expiresAt");
        assertThat(offered.id()).isNotBlank();
        connection.dispose();

        // Offline: two more offers, and the first request cancelled.
        UUID second = submit(CATEGORY, "DISPATCH");
        UUID third = submit(CATEGORY, "DISPATCH");
        awaitOffer(second, volunteer);
        awaitOffer(third, volunteer);
        awaitProcessed(publish(Topics.REQUEST_EVENTS, request, new RequestCancelled(request, "solved it myself")));

        List<ServerSentEvent<Map<String, Object>>> resumed = new CopyOnWriteArrayList<>();
        Disposable again = connect(port, token(volunteer), offered.id(), resumed);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(named(resumed))
                .extracting(event -> event.event() + " " + event.data().get("requestId"))
                .contains("offered " + second, "offered " + third, "withdrawn " + request));
        assertThat(named(resumed)).filteredOn(event -> "withdrawn".equals(event.event())).singleElement()
                .satisfies(event -> assertThat(event.data()).containsEntry("reason", "cancelled"));
        assertThat(named(resumed)).extracting(ServerSentEvent::id).doesNotContain(offered.id()).doesNotHaveDuplicates();

        // ... and carries on live.
        UUID fourth = submit(CATEGORY, "DISPATCH");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(named(resumed))
                .extracting(event -> event.event() + " " + event.data().get("requestId")).contains("offered " + fourth));
        again.dispose();
    }

    @Test
    void anIdTheServiceDoesNotKnowAsksTheClientToReadItsOrdersAfresh() {
        UUID volunteer = onlyWeaver();
        List<ServerSentEvent<Map<String, Object>>> events = new CopyOnWriteArrayList<>();
        Disposable connection = connect(port, token(volunteer), UUID.randomUUID().toString(), events);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(named(events)).extracting(ServerSentEvent::event).containsExactly("reset"));
        connection.dispose();
    }

    @Test
    void aStreamOnOneInstanceSeesOffersTheOtherMade() {
        UUID volunteer = onlyWeaver();
        try (ConfigurableApplicationContext other = secondInstance()) {
            LiveEvents otherLive = other.getBean(LiveEvents.class);
            await().atMost(PATIENCE).until(() -> live.listening() && otherLive.listening());
            int otherPort = other.getEnvironment().getProperty("local.server.port", Integer.class);
            List<ServerSentEvent<Map<String, Object>>> here = new CopyOnWriteArrayList<>();
            List<ServerSentEvent<Map<String, Object>>> there = new CopyOnWriteArrayList<>();
            Disposable one = connect(port, token(volunteer), null, here);
            Disposable two = connect(otherPort, token(volunteer), null, there);
            // Whichever instance's consumer makes each offer, both streams tell all of them.
            List<UUID> requests = Stream.generate(() -> submit(CATEGORY, "DISPATCH")).limit(4).toList();
            for (List<ServerSentEvent<Map<String, Object>>> stream : List.of(here, there)) {
                await().atMost(PATIENCE).untilAsserted(() -> assertThat(named(stream)).extracting(event -> event.data().get("requestId"))
                        .containsAll(requests.stream().map(UUID::toString).toList()));
            }
            one.dispose();
            two.dispose();
        }
    }

    @Test
    void theStreamEndsWhenTheTokenExpires() {
        UUID volunteer = onlyWeaver();
        String shortLived = TestTokensConfiguration.TOKENS.token(volunteer.toString(), Duration.ofSeconds(3), "VOLUNTEER");
        List<ServerSentEvent<?>> events = WebClient.create("http://localhost:" + port).get().uri("/api/v1/orders/stream")
                .headers(h -> h.setBearerAuth(shortLived)).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(NEWS).collectList().map(List::<ServerSentEvent<?>>copyOf)
                .block(Duration.ofSeconds(20));
        assertThat(events).as("the stream completed on its own, after its opening line").isNotEmpty();
    }

    /** A new volunteer, alone in the weaver team (the previous test's one leaves it), taking many orders at once. */
    private UUID onlyWeaver() {
        database.sql("UPDATE volunteer SET teams = array_remove(teams, 'weaver')").fetch().rowsUpdated().block();
        UUID volunteer = volunteerIn("weaver", "00000000-0000-0000-0401");
        web.put().uri("/api/v1/volunteers/" + volunteer + "/profile").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("maxConcurrent", 10)).exchange().expectStatus().isOk();
        return volunteer;
    }

    private static Disposable connect(int port, String token, String lastEventId, List<ServerSentEvent<Map<String, Object>>> into) {
        return WebClient.create("http://localhost:" + port).get().uri("/api/v1/orders/stream")
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", lastEventId);
                    }
                })
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(NEWS).subscribe(into::add);
    }

    @Test
    void aVolunteerHoldsAFewStreamsOpenAtMost() {
        String token = token(UUID.randomUUID());
        List<List<ServerSentEvent<Map<String, Object>>>> streams = List.of(new CopyOnWriteArrayList<>(),
                new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        List<Disposable> open = streams.stream().map(events -> connect(port, token, null, events)).toList();
        try {
            await().atMost(PATIENCE).until(() -> streams.stream().allMatch(events -> !events.isEmpty()));
            web.get().uri("/api/v1/orders/stream").headers(h -> h.setBearerAuth(token)).accept(MediaType.TEXT_EVENT_STREAM)
                    .exchange()
                    .expectStatus().isEqualTo(429)
                    .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("too-many-streams");
        }
        finally {
            open.forEach(Disposable::dispose);
        }
    }

    private static List<ServerSentEvent<Map<String, Object>>> named(List<ServerSentEvent<Map<String, Object>>> events) {
        return events.stream().filter(event -> event.event() != null).toList();
    }

    private static ServerSentEvent<Map<String, Object>> news(List<ServerSentEvent<Map<String, Object>>> events, String change) {
        return named(events).stream().filter(event -> change.equals(event.event())).findFirst().orElse(null);
    }

    private ConfigurableApplicationContext secondInstance() {
        String[] arguments = Stream.concat(
                        Stream.of("spring.r2dbc.url", "spring.r2dbc.username", "spring.r2dbc.password", "spring.flyway.url",
                                        "spring.flyway.user", "spring.flyway.password", "spring.kafka.bootstrap-servers",
                                        "spring.security.oauth2.resourceserver.jwt.issuer-uri")
                                .map(name -> "--" + name + "=" + environment.getProperty(name)),
                        Stream.of("--server.port=0", "--management.server.port=0"))
                .toArray(String[]::new);
        return new SpringApplicationBuilder(VolunteerServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("testJwtDecoder",
                        TestTokensConfiguration.TOKENS.decoder()))
                .run(arguments);
    }
}
