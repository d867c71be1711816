package org.breachline.hooks;

import org.breachline.testing.RequiresPostgres;
import org.breachline.testing.TestDatabase;

import javax.sql.DataSource;

@RequiresPostgres
class DeliveryQueueMigrationPostgresTest extends DeliveryQueueMigrationContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabase.postgres().dataSource();
    }
}
