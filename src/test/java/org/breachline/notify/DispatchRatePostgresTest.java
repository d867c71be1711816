package org.breachline.notify;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.testing.RequiresPostgres;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.extension.RegisterExtension;

@RequiresPostgres
class DispatchRatePostgresTest extends DispatchRateContract {
    static final TestApp APP = TestApp.onPostgres();
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();

    @Override
    TestApp app() {
        return APP;
    }
}
