package community.dispatch.request.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import community.dispatch.events.intake.TicketCreated;

class MunicipalIntakeTest {

    private final IntakeProperties properties = new IntakeProperties(Set.of("city-12345"));

    @Test
    void aWellFormedTicketFromARegisteredSystemIsTaken() {
        assertThat(MunicipalIntake.problemWith(ticket("city-12345", "河邊有垃圾", "相山路 12 號"), properties)).isNull();
        assertThat(MunicipalIntake.problemWith(ticket("city-12345", null, null), properties)).isNull();
    }

    @Test
    void aTicketFromAnUnregisteredSystemIsNot() {
        assertThat(MunicipalIntake.problemWith(ticket("someone-else", "text", "address"), properties))
                .contains("'someone-else' is not a registered municipal system");
    }

    @Test
    void oversizedOrIncompleteTicketsAreNot() {
        assertThat(MunicipalIntake.problemWith(ticket("city-12345", "x".repeat(4001), "address"), properties))
                .contains("description 4000");
        assertThat(MunicipalIntake.problemWith(ticket("city-12345", "text", "x".repeat(501)), properties))
                .contains("address 500");
        assertThat(MunicipalIntake.problemWith(new TicketCreated(" ", "city-12345", null, "text", null), properties))
                .contains("needs externalId and sourceSystem");
    }

    private static TicketCreated ticket(String source, String description, String address) {
        return new TicketCreated("12345-0001", source, "river-patrol", description, address);
    }
}
