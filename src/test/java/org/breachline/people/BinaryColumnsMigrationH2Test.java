package org.breachline.people;

import org.breachline.testing.TestDatabase;

import javax.sql.DataSource;

class BinaryColumnsMigrationH2Test extends BinaryColumnsMigrationContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabase.h2().dataSource();
    }
}
