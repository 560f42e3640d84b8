package community.dispatch.request.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import community.dispatch.events.intake.TicketCreated;

/** What makes a ticket malformed before anyone asks whether its source system is registered ({@code MunicipalIntakeIT}). */
class MunicipalIntakeTest {

    @Test
    void aWellFormedTicketPasses() {
        assertThat(MunicipalIntake.problemWith(ticket("municipal-1a2b3c4d5e6f", "河邊有垃圾", "相山路 12 號"))).isNull();
        assertThat(MunicipalIntake.problemWith(ticket("municipal-1a2b3c4d5e6f", null, null))).isNull();
    }

    @Test
    void oversizedOrIncompleteTicketsDoNot() {
        assertThat(MunicipalIntake.problemWith(ticket("municipal-1a2b3c4d5e6f", "x".repeat(4001), "address")))
                .contains("description 4000");
        assertThat(MunicipalIntake.problemWith(ticket("municipal-1a2b3c4d5e6f", "text", "x".repeat(501))))
                .contains("address 500");
        assertThat(MunicipalIntake.problemWith(ticket("m".repeat(51), "text", "address")))
                .contains("sourceSystem and categoryCode 50");
        assertThat(MunicipalIntake.problemWith(new TicketCreated(" ", "municipal-1a2b3c4d5e6f", null, "text", null)))
                .contains("needs externalId and sourceSystem");
    }

    private static TicketCreated ticket(String source, String description, String address) {
        return new TicketCreated("12345-0001", source, "river-patrol", description, address);
    }
}
