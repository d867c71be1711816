package org.breachline.incident;

import org.breachline.testing.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class IncidentLifecycleH2Test extends IncidentLifecycleContract {
    static final TestApp APP = TestApp.onH2();
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();

    @Override
    TestApp app() {
        return APP;
    }
}
