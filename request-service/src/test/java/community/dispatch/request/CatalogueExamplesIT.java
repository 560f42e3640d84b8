package community.dispatch.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.testing.CatalogueExamples;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * request-service takes every example the AsyncAPI catalogue gives of the events it consumes, as their
 * producers publish them. A context of its own: the examples' registrations and ticket stay here.
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
@TestPropertySource(properties = "dispatch.test.context=examples")
class CatalogueExamplesIT extends ServiceTestSupport {

    @Test
    void everyExampleOfWhatItConsumesIsProcessedOnce() {
        CatalogueExamples.feed(kafka, database, "request-service.member-events",
                "community.dispatch.member.municipal-system-registered.v1", "community.dispatch.member.municipal-system-retired.v1");
        CatalogueExamples.feed(kafka, database, "request-service.order-events",
                "community.dispatch.order.offered.v1", "community.dispatch.order.accepted.v1", "community.dispatch.order.started.v1",
                "community.dispatch.order.completed.v1", "community.dispatch.order.released.v1", "community.dispatch.order.unassignable.v1");
        CatalogueExamples.feed(kafka, database, "request-service.intake", "community.dispatch.intake.ticket-created.v1");

        assertThat(database.sql("SELECT channel FROM service_request WHERE external_ref = '12345-20261130-0042'")
                .map(row -> row.get("channel", String.class)).one().block()).isEqualTo("MUNICIPAL");
    }
}
