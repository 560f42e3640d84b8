package community.dispatch.volunteer;

import org.springframework.context.annotation.Import;

import community.dispatch.testing.ServiceContract;
import community.dispatch.testing.ServiceIntegrationTest;
import community.dispatch.testing.TestTokensConfiguration;

/** volunteer-service starts against real PostgreSQL and Kafka and keeps the promises every service makes. */
@ServiceIntegrationTest
@Import(TestTokensConfiguration.class)
class VolunteerServiceIT extends ServiceContract {
}
