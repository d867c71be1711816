package org.breachline.hooks;

import org.h2.jdbcx.JdbcDataSource;
import org.breachline.testing.TestDatabase;

import javax.sql.DataSource;

class DeliveryQueueMigrationH2Test extends DeliveryQueueMigrationContract {
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
