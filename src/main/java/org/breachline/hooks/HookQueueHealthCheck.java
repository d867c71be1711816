package org.breachline.hooks;

import com.codahale.metrics.health.HealthCheck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Unhealthy while the oldest delivery waiting for the hook worker has waited longer than {@code hooks.queueLagAlarm}:
 * alerts are still stored and answered 202, but they are not reaching incidents (the worker is stopped on every
 * instance, or far behind a flood).
 */
public final class HookQueueHealthCheck extends HealthCheck {
    private final Supplier<Optional<Instant>> oldestWaiting;
    private final Clock clock;
    private final Duration alarm;

    /** @param oldestWaiting when the oldest delivery still waiting was received; empty when none waits */
    public HookQueueHealthCheck(Supplier<Optional<Instant>> oldestWaiting, Clock clock, Duration alarm) {
        this.oldestWaiting = oldestWaiting;
        this.clock = clock;
        this.alarm = alarm;
    }

    @Override
    protected Result check() {
        Optional<Instant> oldest = oldestWaiting.get();
        if (oldest.isEmpty()) {
            return Result.healthy("no delivery is waiting for the hook worker");
        }
        long waited = Math.max(0, Duration.between(oldest.get(), clock.instant()).toSeconds());
        if (waited > alarm.toSeconds()) {
            return Result.unhealthy("the oldest queued delivery has waited %d s (alarm after %d s, received %s): "
                    + "alerts are stored but the hook worker is not applying them", waited, alarm.toSeconds(),
                    oldest.get());
        }
        return Result.healthy("the oldest queued delivery has waited %d s", waited);
    }
}
