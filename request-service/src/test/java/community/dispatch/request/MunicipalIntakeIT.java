package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import community.dispatch.events.CloudEvent;
import community.dispatch.events.Topics;
import community.dispatch.events.order.OrderAccepted;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;
import community.dispatch.testing.TopicReader;

/** OWASP API10:2023 too: what other systems send is taken only from registered systems, in the one type and sizes. */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
class MunicipalIntakeIT extends ServiceTestSupport {

    /** The city's platform, as an admin registered it with member-service (which publishes the registration). */
    private static final String CITY = "municipal-city12345";

    private MunicipalSystems systems;

    @BeforeEach
    void theCitysPlatformIsRegistered() {
        systems = new MunicipalSystems(web, kafka, codec, database);
        systems.registered(CITY);
    }

    @Test
    void aForwardedTicketBecomesOneRequestAndItsReferenceTravelsOnEveryEvent() {
        String ticket = "12345-" + UUID.randomUUID();

        sendTicket(ticket, "river-patrol");
        sendTicket(ticket, "river-patrol");

        UUID id = await().atMost(PATIENCE).until(() -> requestFor(ticket), found -> found != null);
        Map<String, Object> row = database.sql("SELECT channel, category_code, requester_id FROM service_request WHERE id = :id")
                .bind("id", id).fetch().one().block();
        assertThat(row).containsEntry("channel", "MUNICIPAL").containsEntry("category_code", "river-patrol")
                .containsEntry("requester_id", "municipal:" + CITY);

        kafka.send(Topics.ORDER_EVENTS, id.toString(), codec.toStructured(codec.wrap(
                new OrderAccepted(UUID.randomUUID(), id, UUID.randomUUID()), URI.create("/volunteer-service")))).join();
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<CloudEvent> events = eventsOf(id);
            assertThat(events).extracting(CloudEvent::type).containsExactly("community.dispatch.request.submitted.v1",
                    "community.dispatch.request.updated.v1", "community.dispatch.request.updated.v1");
            assertThat(events).extracting(CloudEvent::externalref).containsOnly(ticket);
        });
        assertThat(database.sql("SELECT count(*) AS n FROM service_request WHERE external_ref = :ref").bind("ref", ticket)
                .map(r -> r.get("n", Long.class)).one().block()).isEqualTo(1L);
    }

    @Test
    void anUnknownCategoryBecomesOtherAndAMalformedTicketIsDeadLetteredWhileLaterOnesFlow() {
        String broken = "broken-" + UUID.randomUUID();
        String later = "12345-" + UUID.randomUUID();
        ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(Topics.intakeOf(CITY), broken,
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/city\",\"type\":\"community.dispatch.intake.ticket-created.v1\",\"data\":{\"description\":\"no ids\"}}"
                        .getBytes(StandardCharsets.UTF_8));
        kafka.send(garbage).join();
        sendTicket(later, "pothole-repair");

        UUID id = await().atMost(PATIENCE).until(() -> requestFor(later), found -> found != null);
        assertThat(database.sql("SELECT category_code FROM service_request WHERE id = :id").bind("id", id)
                .map(r -> r.get("category_code", String.class)).one().block()).isEqualTo("other");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(TopicReader.readAll(Topics.deadLetterOf(Topics.intakeOf(CITY))))
                .extracting(ConsumerRecord::key).contains(broken));
    }

    /** Only the system may write its topic (ACLs); what it writes there in another system's name is refused. */
    @Test
    void aTicketNamingAnotherSystemThanItsTopicsIsDeadLettered() {
        String other = "municipal-other" + UUID.randomUUID().toString().substring(0, 8);
        systems.registered(other);
        String posing = "posing-" + UUID.randomUUID();

        sendTicket(posing, "river-patrol", other, CITY);
        String later = "12345-" + UUID.randomUUID();
        sendTicket(later, "river-patrol");

        await().atMost(PATIENCE).until(() -> requestFor(later), found -> found != null);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(TopicReader.readAll(Topics.deadLetterOf(Topics.intakeOf(CITY))))
                .filteredOn(record -> record.key().equals(posing))
                .extracting(record -> new String(record.headers().lastHeader("kafka_dlt-exception-message").value(),
                        StandardCharsets.UTF_8))
                .singleElement().asString().contains("is " + CITY + "'s"));
        assertThat(requestFor(posing)).isNull();
    }

    @Test
    void aTicketFromAnUnregisteredSystemAndOtherEventsOnTheIntakeAreDeadLetteredWithTheReason() {
        String forged = "forged-" + UUID.randomUUID();
        sendTicket(forged, "pothole-repair", "self-proclaimed-city");
        UUID stray = UUID.randomUUID();
        kafka.send(Topics.intakeOf(CITY), stray.toString(), codec.toStructured(codec.wrap(
                new OrderAccepted(UUID.randomUUID(), stray, UUID.randomUUID()), URI.create("/somewhere")))).join();
        String later = "12345-" + UUID.randomUUID();
        sendTicket(later, "river-patrol");

        await().atMost(PATIENCE).until(() -> requestFor(later), found -> found != null);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(Stream.concat(
                        TopicReader.readAll(Topics.deadLetterOf(Topics.intakeOf("self-proclaimed-city"))).stream(),
                        TopicReader.readAll(Topics.deadLetterOf(Topics.intakeOf(CITY))).stream()))
                .filteredOn(record -> record.key().equals(forged) || record.key().equals(stray.toString()))
                .extracting(record -> new String(record.headers().lastHeader("kafka_dlt-exception-message").value(),
                        StandardCharsets.UTF_8))
                .hasSize(2)
                .anySatisfy(reason -> assertThat(reason).contains("not a registered municipal system"))
                .anySatisfy(reason -> assertThat(reason).contains("only ticket-created events")));
        assertThat(requestFor(forged)).isNull();
    }

    @Test
    void aRetiredSystemsTicketsAreNoLongerTaken() {
        String district = "municipal-district" + UUID.randomUUID().toString().substring(0, 8);
        systems.registered(district);
        String before = "district-" + UUID.randomUUID();
        sendTicket(before, "river-patrol", district);
        await().atMost(PATIENCE).until(() -> requestFor(before), found -> found != null);

        systems.retired(district);
        String after = "district-" + UUID.randomUUID();
        sendTicket(after, "river-patrol", district);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(TopicReader.readAll(Topics.deadLetterOf(Topics.intakeOf(district))))
                .extracting(ConsumerRecord::key).contains(after));
        assertThat(requestFor(after)).isNull();
    }

    /** As the city's platform sends it: binary mode, the ticket id as key. */
    private void sendTicket(String ticket, String category) {
        sendTicket(ticket, category, CITY);
    }

    private void sendTicket(String ticket, String category, String sourceSystem) {
        sendTicket(ticket, category, sourceSystem, sourceSystem);
    }

    /** A ticket naming {@code sourceSystem}, written on {@code writer}'s intake topic. */
    private void sendTicket(String ticket, String category, String sourceSystem, String writer) {
        String data = "{\"externalId\":\"" + ticket + "\",\"sourceSystem\":\"" + sourceSystem + "\",\"categoryCode\":\"" + category
                + "\",\"description\":\"河邊有垃圾 rubbish by the river\",\"address\":\"相山路 12 號\"}";
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.intakeOf(writer), ticket, data.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", bytes("1.0"))
                .add("ce_id", bytes(UUID.randomUUID().toString()))
                .add("ce_source", bytes("/city/12345"))
                .add("ce_type", bytes("community.dispatch.intake.ticket-created.v1"))
                .add("ce_subject", bytes(ticket))
                .add("ce_time", bytes(Instant.now().toString()))
                .add("content-type", bytes("application/json"));
        kafka.send(record).join();
    }

    private UUID requestFor(String ticket) {
        return database.sql("SELECT id FROM service_request WHERE external_ref = :ref").bind("ref", ticket)
                .map(r -> r.get("id", UUID.class)).one().block();
    }

    private List<CloudEvent> eventsOf(UUID id) {
        return TopicReader.events(Topics.REQUEST_EVENTS, id);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
