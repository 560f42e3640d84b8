package community.dispatch.volunteer;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.testing.CatalogueExamples;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.ServiceTestSupport;
import community.dispatch.testing.TestTokensConfiguration;

/**
 * volunteer-service takes every example the AsyncAPI catalogue gives of the events it consumes, as their
 * producers publish them. A context of its own: the examples' member and request stay here.
 */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
@TestPropertySource(properties = "dispatch.test.context=examples")
class CatalogueExamplesIT extends ServiceTestSupport {

    @Test
    void everyExampleOfWhatItConsumesIsProcessedOnce() {
        CatalogueExamples.feed(kafka, database, "volunteer-service.member-events",
                "community.dispatch.member.registered.v1", "community.dispatch.member.updated.v1");
        CatalogueExamples.feed(kafka, database, "volunteer-service.request-events",
                "community.dispatch.request.submitted.v1", "community.dispatch.request.reopened.v1",
                "community.dispatch.request.evaluated.v1", "community.dispatch.request.cancelled.v1");
        CatalogueExamples.feed(kafka, database, "volunteer-service.member-events", "community.dispatch.member.deactivated.v1");
    }
}
