package org.breachline.people;

import org.breachline.testing.RequiresPostgres;
import org.breachline.testing.TestDatabase;

import javax.sql.DataSource;

@RequiresPostgres
class BinaryColumnsMigrationPostgresTest extends BinaryColumnsMigrationContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabase.postgres().dataSource();
    }
}
