package org.breachline.testing;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fresh, empty database for one test application: an in-memory H2, or a new database on the PostgreSQL at
 * 127.0.0.1:5432 (override with BREACHLINE_TEST_PG_URL, _USER, _PASSWORD; name prefix BREACHLINE_TEST_PG_PREFIX).
 */
public record TestDatabase(String kind, String driver, String url, String user, String password) {
    static final String PG_ADMIN_URL = env("BREACHLINE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String PG_USER = env("BREACHLINE_TEST_PG_USER", "postgres");
    static final String PG_PASSWORD = env("BREACHLINE_TEST_PG_PASSWORD", "postgres");
    /** Prefix of the databases created, so that parallel runs on one server can tell theirs apart. */
    static final String PG_PREFIX = env("BREACHLINE_TEST_PG_PREFIX", "breachline_test_");

    public static TestDatabase h2() {
        String name = "bl" + UUID.randomUUID().toString().replace("-", "");
        return new TestDatabase("H2", "org.h2.Driver",
                "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** Creates a new database on the local PostgreSQL; callers first check {@link #postgresReachable()}. */
    public static TestDatabase postgres() {
        String name = PG_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, PG_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            dropAtExit(name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database on PostgreSQL", e);
        }
        String url = PG_ADMIN_URL.substring(0, PG_ADMIN_URL.lastIndexOf('/') + 1) + name;
        return new TestDatabase("PostgreSQL", "org.postgresql.Driver", url, PG_USER, PG_PASSWORD);
    }

    /**
     * The databases this JVM created, dropped when it exits: a full run creates dozens, and they piled up by the
     * hundred on a developer's server. WITH (FORCE) (PostgreSQL 13+) ends the test apps' pooled connections.
     */
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    private static void dropAtExit(String name) {
        synchronized (CREATED) {
            if (CREATED.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropCreated, "drop-test-databases"));
            }
            CREATED.add(name);
        }
    }

    private static void dropCreated() {
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, PG_PASSWORD);
             Statement s = c.createStatement()) {
            for (String name : CREATED) {
                try {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (SQLException e) {
                    System.err.println("could not drop test database " + name + ": " + e.getMessage());
                }
            }
        } catch (SQLException e) {
            System.err.println("could not drop the test databases: " + e.getMessage());
        }
    }

    /** Null when PostgreSQL answers, else why not. */
    public static String postgresUnreachableBecause() {
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL + (PG_ADMIN_URL.contains("?") ? "&" : "?")
                + "connectTimeout=3", PG_USER, PG_PASSWORD)) {
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** An unpooled data source of this database, for tests that run Liquibase or JDBC on it themselves. */
    public DataSource dataSource() {
        if (driver.equals("org.h2.Driver")) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(url);
            ds.setUser(user);
            ds.setPassword(password);
            return ds;
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
