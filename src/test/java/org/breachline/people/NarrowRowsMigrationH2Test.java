package org.breachline.people;

import org.breachline.testing.TestDatabase;

import javax.sql.DataSource;

class NarrowRowsMigrationH2Test extends NarrowRowsMigrationContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabase.h2().dataSource();
    }
}
