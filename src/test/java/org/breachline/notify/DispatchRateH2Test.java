package org.breachline.notify;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.extension.RegisterExtension;

class DispatchRateH2Test extends DispatchRateContract {
    static final TestApp APP = TestApp.onH2();
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();

    @Override
    TestApp app() {
        return APP;
    }
}
