package org.breachline.incident;

import org.breachline.testing.RequiresPostgres;
import org.breachline.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

@RequiresPostgres
class IncidentLifecyclePostgresTest extends IncidentLifecycleContract {
    static final TestApp APP = TestApp.onPostgres();
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();

    @Override
    TestApp app() {
        return APP;
    }
}
