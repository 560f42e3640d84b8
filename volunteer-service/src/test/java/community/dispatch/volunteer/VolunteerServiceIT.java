package community.dispatch.volunteer;

import community.dispatch.testing.ServiceContract;
import community.dispatch.testing.ServiceIntegrationTest;

/** volunteer-service starts against real PostgreSQL and Kafka and keeps the promises every service makes. */
@ServiceIntegrationTest
class VolunteerServiceIT extends ServiceContract {
}
