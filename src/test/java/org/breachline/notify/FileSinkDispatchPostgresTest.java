package org.breachline.notify;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.testing.RequiresPostgres;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;

@RequiresPostgres
class FileSinkDispatchPostgresTest extends FileSinkDispatchContract {
    static final Path OUTBOX = Outbox.freshFolder();
    static final TestApp APP = TestApp.onPostgres(ConfigOverride.config("notify.outbox", OUTBOX.toString()));
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
