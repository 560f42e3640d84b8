package community.dispatch.testing;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** PostgreSQL in a container, for machines where a Docker daemon answers. */
final class ContainerPostgres implements PostgresServer {

    private static final DockerImageName IMAGE = DockerImageName.parse("postgres:17-alpine");

    private final PostgreSQLContainer container;

    private ContainerPostgres(PostgreSQLContainer container) {
        this.container = container;
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
    static ContainerPostgres start() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE).withCommand("postgres", "-c", "fsync=off",
                "-c", "max_connections=300");
        container.start();
        return new ContainerPostgres(container);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public String createDatabase() {
        return Databases.create(this);
    }
}
