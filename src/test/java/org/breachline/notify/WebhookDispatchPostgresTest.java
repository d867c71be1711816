package org.breachline.notify;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.testing.RequiresPostgres;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

@RequiresPostgres
class WebhookDispatchPostgresTest extends WebhookDispatchContract {
    static final WebhookReceiver RECEIVER = startReceiver();
    static final TestApp APP = TestApp.onPostgres(pointingAt(RECEIVER));
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Override
    TestApp app() {
        return APP;
    }

    @Override
    WebhookReceiver receiver() {
        return RECEIVER;
    }
}
