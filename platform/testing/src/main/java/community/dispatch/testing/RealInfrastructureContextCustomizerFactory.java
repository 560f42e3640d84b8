package community.dispatch.testing;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Applies {@link RealInfrastructure}; registered in {@code META-INF/spring.factories}. */
class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        boolean wanted = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(RealInfrastructure.class);
        return wanted ? new Customizer() : null;
    }

    /** All instances are equal, so test contexts are cached as usual; each new context gets a new database. */
    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            PostgresServer postgres = Infrastructure.postgres();
            String database = postgres.createDatabase();
            Map<String, Object> properties = Map.of(
                    "spring.r2dbc.url", postgres.r2dbcUrl(database),
                    "spring.r2dbc.username", postgres.username(),
                    "spring.r2dbc.password", postgres.password(),
                    "spring.flyway.url", postgres.jdbcUrl(database),
                    "spring.flyway.user", postgres.username(),
                    "spring.flyway.password", postgres.password(),
                    "spring.kafka.bootstrap-servers", Infrastructure.kafka().bootstrapServers());
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realInfrastructure", properties));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
