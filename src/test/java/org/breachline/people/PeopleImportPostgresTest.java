package org.breachline.people;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.testing.RequiresPostgres;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.extension.RegisterExtension;

@RequiresPostgres
class PeopleImportPostgresTest extends PeopleImportContract {
    static final TestApp APP = TestApp.onPostgres();
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();

    @Override
    TestApp app() {
        return APP;
    }
}
