package community.dispatch.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates uniquely named databases on a server through its maintenance database. */
final class Databases {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Databases() {
    }

    static String create(PostgresServer server) {
        String name = "test_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(),
                server.password()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            return name;
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
    }
}
