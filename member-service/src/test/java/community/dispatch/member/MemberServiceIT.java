package community.dispatch.member;

import community.dispatch.testing.ServiceContract;
import community.dispatch.testing.ServiceIntegrationTest;

/** member-service starts against real PostgreSQL and Kafka and keeps the promises every service makes. */
@ServiceIntegrationTest
class MemberServiceIT extends ServiceContract {
}
