package community.dispatch.testing;

/** A running PostgreSQL server that hands out empty databases. */
public interface PostgresServer {

    String host();

    int port();

    String username();

    String password();

    /** Creates a new, empty database and returns its name. */
    String createDatabase();

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    default String r2dbcUrl(String database) {
        return "r2dbc:postgresql://" + host() + ":" + port() + "/" + database;
    }
}
