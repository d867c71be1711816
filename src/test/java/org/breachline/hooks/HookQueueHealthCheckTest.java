package org.breachline.hooks;

import com.codahale.metrics.health.HealthCheck;
import org.breachline.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class HookQueueHealthCheckTest {
    private static final Instant RECEIVED = Instant.parse("2026-03-06T10:00:00Z");
    private final MutableClock clock = new MutableClock(RECEIVED);
    private final AtomicReference<Optional<Instant>> oldest = new AtomicReference<>(Optional.empty());
    private final HookQueueHealthCheck check = new HookQueueHealthCheck(oldest::get, clock, Duration.ofMinutes(5));

    @Test
    void healthyWhileNothingWaitsOrTheOldestWaitsLessThanTheAlarm() {
        assertThat(check.execute().isHealthy()).isTrue();
        oldest.set(Optional.of(RECEIVED));
        clock.advance(Duration.ofMinutes(5));
        HealthCheck.Result result = check.execute();
        assertThat(result.isHealthy()).isTrue();
        assertThat(result.getMessage()).isEqualTo("the oldest queued delivery has waited 300 s");
    }

    @Test
    void unhealthyOnceTheOldestQueuedDeliveryHasWaitedLongerThanTheAlarm() {
        oldest.set(Optional.of(RECEIVED));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        HealthCheck.Result result = check.execute();
        assertThat(result.isHealthy()).isFalse();
        assertThat(result.getMessage()).startsWith("the oldest queued delivery has waited 301 s (alarm after 300 s, "
                + "received 2026-03-06T10:00:00Z)");

        oldest.set(Optional.empty());
        assertThat(check.execute().isHealthy()).as("the worker caught up").isTrue();
    }
}
