package org.breachline.people;

import org.h2.jdbcx.JdbcDataSource;
import org.breachline.testing.TestDatabase;

import javax.sql.DataSource;

class NarrowRowsMigrationH2Test extends NarrowRowsMigrationContract {
    @Override
    DataSource freshDatabase() {
        TestDatabase db = TestDatabase.h2();
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(db.url());
        ds.setUser(db.user());
        ds.setPassword(db.password());
        return ds;
    }
}
