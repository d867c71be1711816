package org.breachline.hooks;

import io.dropwizard.testing.ConfigOverride;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachline.hooks.HookTestSupport.AM_TOKEN;
import static org.breachline.hooks.HookTestSupport.alertmanager;
import static org.breachline.hooks.HookTestSupport.unique;

/** hooks.processing: DEFERRED — stored and answered at once, applied by the worker. Run per database. */
abstract class DeferredProcessingContract {
    abstract TestApp app();

    static ConfigOverride deferred() {
        return ConfigOverride.config("hooks.processing", "DEFERRED");
    }

    HookTestSupport hooks() {
        return new HookTestSupport(app());
    }

    @Test
    void aDeliveryIsQueuedAtOnceAndThenOpensItsIncident() throws InterruptedException {
        String title = unique("Deferred");
        Api.Reply r = hooks().bearer("am", AM_TOKEN, alertmanager(unique("fp"), title, "firing"));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        assertThat(r.str("status")).isEqualTo("queued");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (hooks().incidentsTitled(title) == 0) {
            assertThat(System.nanoTime()).as("the worker applies the delivery").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(hooks().count("SELECT COUNT(*) FROM hook_delivery WHERE id = ? AND status = 'PROCESSED'",
                r.body().path("deliveryId").asLong())).isEqualTo(1);
    }

    @Test
    void anUnreadableDeliveryIsStillRefusedAtOnceAndKept() {
        Api.Reply r = hooks().bearer("am", AM_TOKEN, "{\"alerts\": 3}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("hook.payload_malformed");
        assertThat(hooks().count("SELECT COUNT(*) FROM hook_delivery WHERE status = 'DEAD_LETTER'")).isEqualTo(1);
    }

    @Test
    void badCredentialsStoreNothing() {
        assertThat(hooks().bearer("am", "wrong", alertmanager(unique("fp"), unique("t"), "firing")).status())
                .isEqualTo(401);
        assertThat(hooks().count("SELECT COUNT(*) FROM hook_delivery WHERE status = 'QUEUED'")).isZero();
    }
}
