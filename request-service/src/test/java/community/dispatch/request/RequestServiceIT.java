package community.dispatch.request;

import community.dispatch.testing.ServiceContract;
import community.dispatch.testing.ServiceIntegrationTest;

/** request-service starts against real PostgreSQL and Kafka and keeps the promises every service makes. */
@ServiceIntegrationTest
class RequestServiceIT extends ServiceContract {
}
