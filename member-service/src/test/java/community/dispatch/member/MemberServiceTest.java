package community.dispatch.member;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import community.dispatch.testing.FromTheGateway;
import community.dispatch.testing.MovableClockConfiguration;
import community.dispatch.testing.ServiceIntegrationTest;

/**
 * member-service against real PostgreSQL and Kafka with a known admin password and a clock tests move, and
 * request- and volunteer-service's parts of an export ({@link OtherServices}); one shared context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ServiceIntegrationTest
@Import({ MovableClockConfiguration.class, OtherServices.class })
@TestPropertySource(properties = {
        "dispatch.auth.admin-password=" + Accounts.ADMIN_PASSWORD,
        "dispatch.auth.issuer=" + Accounts.ISSUER,
        "dispatch.auth.signing-key-secret=" + Accounts.SIGNING_KEY_SECRET,
        "dispatch.edge.secret=" + FromTheGateway.SECRET,
        "dispatch.sandbox.texts=true",
        "dispatch.export.gateway-uri=${dispatch.test.other-services}",
        "dispatch.retention.interval=300ms",
        "dispatch.sandbox.pushes=true",
        "dispatch.notifications.send-interval=200ms" })
public @interface MemberServiceTest {
}
