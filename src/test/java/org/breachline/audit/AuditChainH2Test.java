package org.breachline.audit;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuditChainH2Test extends AuditChainContract {
    static final TestApp APP = TestApp.onH2();
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();

    @Override
    TestApp app() {
        return APP;
    }
}
