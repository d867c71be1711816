package org.breachline.db;

import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;

/** The databases Breachline runs on, for the few places where one offers a faster path than portable SQL. */
public enum Dialect {
    POSTGRESQL,
    /** H2 in its PostgreSQL mode, or anything else that speaks the portable SQL. */
    PORTABLE;

    /** The dialect of the handle's connection (looking through the pool's proxy). */
    public static Dialect of(Handle handle) {
        return of(handle.getConnection());
    }

    public static Dialect of(Connection connection) {
        try {
            return connection.isWrapperFor(PGConnection.class) ? POSTGRESQL : PORTABLE;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot inspect the database connection", e);
        }
    }
}
