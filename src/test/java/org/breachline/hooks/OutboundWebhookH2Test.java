package org.breachline.hooks;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class OutboundWebhookH2Test extends OutboundWebhookContract {
    static final WireMockServer RECEIVER = startReceiver();
    static final TestApp APP = TestApp.onH2(pointingAt(RECEIVER));
    @RegisterExtension
    static final DropwizardAppExtension<?> EXTENSION = APP.extension();

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop();
    }

    @Override
    TestApp app() {
        return APP;
    }

    @Override
    WireMockServer receiver() {
        return RECEIVER;
    }
}
