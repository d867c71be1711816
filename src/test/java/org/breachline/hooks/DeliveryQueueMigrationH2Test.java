package org.breachline.hooks;

import org.breachline.testing.TestDatabase;

import javax.sql.DataSource;

class DeliveryQueueMigrationH2Test extends DeliveryQueueMigrationContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabase.h2().dataSource();
    }
}
