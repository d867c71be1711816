package org.breachline.hooks;

import org.breachline.testing.RequiresPostgres;
import org.breachline.testing.TestDatabase;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

@RequiresPostgres
class DeliveryQueueMigrationPostgresTest extends DeliveryQueueMigrationContract {
    @Override
    DataSource freshDatabase() {
        TestDatabase db = TestDatabase.postgres();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.url());
        ds.setUser(db.user());
        ds.setPassword(db.password());
        return ds;
    }
}
