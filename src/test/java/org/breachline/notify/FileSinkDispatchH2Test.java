package org.breachline.notify;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

class FileSinkDispatchH2Test extends FileSinkDispatchContract {
    static final Path OUTBOX = Outbox.freshFolder();
    static final TestApp APP = TestApp.onH2(ConfigOverride.config("notify.outbox", OUTBOX.toString()));
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();

    @Override
    TestApp app() {
        return APP;
    }

    @Override
    Path outbox() {
        return OUTBOX;
    }
}
