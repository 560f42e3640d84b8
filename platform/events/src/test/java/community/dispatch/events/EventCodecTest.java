package community.dispatch.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import community.dispatch.events.order.OrderAccepted;
import community.dispatch.events.request.RequestSubmitted;
import community.dispatch.events.request.RequestUpdated;
import tools.jackson.databind.json.JsonMapper;

class EventCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-28T02:30:00Z");

    private final EventCodec codec = new EventCodec(JsonMapper.builder().build(),
            Clock.fixed(NOW, ZoneId.of("Asia/Shanghai")));

    private final RequestSubmitted submitted = new RequestSubmitted(UUID.randomUUID(), "free-clinic", "URGENT",
            "APP", UUID.randomUUID(), NOW, "DISPATCH", "C01", "G01");

    @Test
    void wrapsAnEventWithItsCatalogueTypeSubjectAndAFreshId() {
        CloudEvent first = codec.wrap(submitted, URI.create("/request-service"));
        CloudEvent second = codec.wrap(submitted, URI.create("/request-service"));

        assertThat(first.type()).isEqualTo("community.dispatch.request.submitted.v1");
        assertThat(first.subject()).isEqualTo(submitted.requestId().toString());
        assertThat(first.source()).hasToString("/request-service");
        assertThat(first.time().toInstant()).isEqualTo(NOW);
        assertThat(first.datacontenttype()).isEqualTo("application/json");
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(first.idAsUuid()).isNotNull();
    }

    @Test
    void structuredJsonRoundTripsEnvelopeAndData() {
        CloudEvent event = codec.wrap(submitted, URI.create("/request-service"));

        CloudEvent read = codec.read(Map.of(), codec.toStructured(event));

        assertThat(read).isEqualTo(event);
        assertThat(codec.data(read)).isEqualTo(submitted);
    }

    @Test
    void structuredJsonUsesTheCloudEventsAttributeNamesAndIsoTimes() {
        String json = new String(codec.toStructured(codec.wrap(submitted, URI.create("/request-service"))),
                StandardCharsets.UTF_8);

        assertThat(json).contains("\"specversion\":\"1.0\"", "\"type\":\"community.dispatch.request.submitted.v1\"",
                "\"time\":\"2026-11-28T02:30:00Z\"", "\"submittedAt\":\"2026-11-28T02:30:00Z\"",
                "\"datacontenttype\":\"application/json\"");
    }

    @Test
    void anExternalReferenceTravelsAsAnExtensionAttributeInBothModes() {
        CloudEvent event = codec.wrap(submitted, URI.create("/request-service"), "12345-2026-000042");

        String json = new String(codec.toStructured(event), StandardCharsets.UTF_8);
        assertThat(json).contains("\"externalref\":\"12345-2026-000042\"");
        assertThat(codec.read(Map.of(), codec.toStructured(event)).externalref()).isEqualTo("12345-2026-000042");
        assertThat(new String(codec.toStructured(codec.wrap(submitted, URI.create("/request-service"))),
                StandardCharsets.UTF_8)).doesNotContain("externalref");
    }

    @Test
    void theTraceContextTravelsAsTheDistributedTracingExtensionInBothModes() {
        String parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        CloudEvent event = codec.wrap(submitted, URI.create("/request-service")).withTrace(parent, "dispatch=1");

        String json = new String(codec.toStructured(event), StandardCharsets.UTF_8);
        assertThat(json).contains("\"traceparent\":\"" + parent + "\"", "\"tracestate\":\"dispatch=1\"");
        assertThat(codec.read(Map.of(), codec.toStructured(event))).isEqualTo(event);
        assertThat(new String(codec.toStructured(codec.wrap(submitted, URI.create("/request-service"))),
                StandardCharsets.UTF_8)).doesNotContain("trace");

        Map<String, byte[]> headers = new HashMap<>();
        headers.put("ce_specversion", bytes("1.0"));
        headers.put("ce_id", bytes(event.id()));
        headers.put("ce_source", bytes("/request-service"));
        headers.put("ce_type", bytes(event.type()));
        headers.put("ce_traceparent", bytes(parent));
        assertThat(codec.read(headers, bytes(event.data().toString())).traceparent()).isEqualTo(parent);
    }

    @Test
    void readsBinaryModeFromCeHeaders() {
        OrderAccepted accepted = new OrderAccepted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Map<String, byte[]> headers = new HashMap<>();
        headers.put("ce_specversion", bytes("1.0"));
        headers.put("ce_id", bytes("7f1c2a8e-0000-4000-8000-000000000001"));
        headers.put("ce_source", bytes("/volunteer-service"));
        headers.put("ce_type", bytes("community.dispatch.order.accepted.v1"));
        headers.put("ce_subject", bytes(accepted.requestId().toString()));
        headers.put("ce_time", bytes("2026-11-28T10:30:00+08:00"));
        headers.put("content-type", bytes("application/json"));
        headers.put("ce_externalref", bytes("12345-2026-000007"));
        byte[] body = ("{\"orderId\":\"" + accepted.orderId() + "\",\"requestId\":\"" + accepted.requestId()
                + "\",\"volunteerId\":\"" + accepted.volunteerId() + "\"}").getBytes(StandardCharsets.UTF_8);

        CloudEvent read = codec.read(headers, body);

        assertThat(read.id()).isEqualTo("7f1c2a8e-0000-4000-8000-000000000001");
        assertThat(read.time().toInstant()).isEqualTo(NOW);
        assertThat(read.externalref()).isEqualTo("12345-2026-000007");
        assertThat(codec.data(read)).isEqualTo(accepted);
    }

    @Test
    void refusesWhatIsNotACloudEvent() {
        assertThatThrownBy(() -> codec.read(Map.of(), bytes("not json"))).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.read(Map.of(), bytes("{\"specversion\":\"1.0\"}")))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.read(Map.of(), bytes("{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"t\"}")))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.read(Map.of(), new byte[0])).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void refusesUnknownTypesAndDataOfTheWrongShape() {
        CloudEvent unknown = codec.fromStructured(bytes(
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"com.example.other\",\"data\":{}}"));
        CloudEvent wrongShape = codec.fromStructured(bytes(
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"community.dispatch.request.submitted.v1\","
                        + "\"data\":{\"requestId\":\"not-a-uuid\"}}"));

        assertThatThrownBy(() -> codec.data(unknown)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.data(wrongShape)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aRequestUpdateTellsItsStatusTypedAndAsTextAndOneWrittenBefore110IsReadAlike() {
        UUID request = UUID.randomUUID();
        CloudEvent typed = codec.read(Map.of(), codec.toStructured(codec.wrap(RequestUpdated.movedTo(request, "ASSIGNED"),
                URI.create("/request-service"))));
        CloudEvent before110 = codec.fromStructured(bytes("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/request-service\","
                + "\"type\":\"community.dispatch.request.updated.v1\",\"data\":{\"requestId\":\"" + request + "\","
                + "\"changedFields\":[\"deliberation:PROPERTY_COUNCIL\"]}}"));

        RequestUpdated moved = codec.data(typed, RequestUpdated.class);
        assertThat(moved.status()).isEqualTo("ASSIGNED");
        assertThat(moved.changedFields()).as("what consumers of 1.0 read").containsExactly("status:ASSIGNED");
        assertThat(moved.movedTo()).hasValue("ASSIGNED");
        assertThat(moved.deliberationReached()).isEmpty();
        RequestUpdated old = codec.data(before110, RequestUpdated.class);
        assertThat(old.deliberationStep()).isNull();
        assertThat(old.deliberationReached()).hasValue("PROPERTY_COUNCIL");
        assertThat(old.movedTo()).isEmpty();
    }

    /** request.updated.v1 as a consumer written against catalogue 1.0 knew it. */
    record RequestUpdatedAsOf100(UUID requestId, List<String> changedFields) {
    }

    @Test
    void aConsumerWrittenAgainst100ReadsA110RequestUpdate() {
        UUID request = UUID.randomUUID();
        CloudEvent event = codec.fromStructured(codec.toStructured(codec.wrap(RequestUpdated.deliberating(request,
                "ONLINE_DELIBERATION"), URI.create("/request-service"))));

        RequestUpdatedAsOf100 read = JsonMapper.builder().build().treeToValue(event.data(), RequestUpdatedAsOf100.class);

        assertThat(read).isEqualTo(new RequestUpdatedAsOf100(request, List.of("deliberation:ONLINE_DELIBERATION")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
