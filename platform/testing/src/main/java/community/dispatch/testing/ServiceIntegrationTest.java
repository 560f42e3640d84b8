package community.dispatch.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * A service's whole application on a real port (and its actuator on another, as in production), against the JVM's real PostgreSQL and Kafka (a
 * fresh database per context); a {@code WebTestClient} is ready to inject. A service that trusts
 * an outside issuer also imports {@link TestTokensConfiguration} so tests can sign their own tokens.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient(timeout = "30s")
@RealInfrastructure
public @interface ServiceIntegrationTest {
}
