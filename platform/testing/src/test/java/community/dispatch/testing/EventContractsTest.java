package community.dispatch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import community.dispatch.events.EventCodec;
import community.dispatch.events.member.MemberRegistered;
import community.dispatch.events.request.RequestSubmitted;

class EventContractsTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void anEventAsTheCodecWritesItFulfilsTheCatalogue() {
        UUID request = UUID.randomUUID();
        byte[] submitted = codec.toStructured(codec.wrap(new RequestSubmitted(request, "household-help", "NORMAL", "APP",
                UUID.randomUUID(), Instant.now(), "DISPATCH", null, null), URI.create("/request-service")));

        assertThatCode(() -> EventContracts.assertFulfilled(submitted)).doesNotThrowAnyException();
    }

    @Test
    void theCataloguesExamplesFulfilItAndTheCodecReadsThem() {
        for (String type : List.of("community.dispatch.request.submitted.v1", "community.dispatch.order.accepted.v1",
                "community.dispatch.member.registered.v1", "community.dispatch.intake.ticket-created.v1")) {
            assertThat(EventContracts.examples(type)).as(type).isNotEmpty();
            EventContracts.examples(type).forEach(example -> {
                EventContracts.assertFulfilled(example);
                assertThat(codec.read(Map.of(), example).type()).isEqualTo(type);
            });
        }
    }

    @Test
    void aFieldOfTheWrongTypeOrAnUnknownTypeIsCaught() {
        byte[] registered = codec.toStructured(codec.wrap(new MemberRegistered(UUID.randomUUID(), Set.of("RESIDENT"), "C01"),
                URI.create("/member-service")));
        String wrong = new String(registered, StandardCharsets.UTF_8).replace("\"roles\":[\"RESIDENT\"]", "\"roles\":\"RESIDENT\"");

        assertThatThrownBy(() -> EventContracts.assertFulfilled(wrong.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("breaks the catalogue's schema");
        assertThatThrownBy(() -> EventContracts.assertFulfilled(new String(registered, StandardCharsets.UTF_8)
                .replace("member.registered.v1", "member.invented.v1").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("has no message of type");
    }
}
