package org.breachline.people;

import org.breachline.testing.RequiresPostgres;
import org.breachline.testing.TestDatabase;

import javax.sql.DataSource;

@RequiresPostgres
class NarrowRowsMigrationPostgresTest extends NarrowRowsMigrationContract {
    @Override
    DataSource freshDatabase() {
        return TestDatabase.postgres().dataSource();
    }
}
