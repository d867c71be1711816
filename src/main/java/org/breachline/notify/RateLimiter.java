package org.breachline.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket driven by the injected clock (tests move the clock instead of sleeping): {@code rate} units per
 * second, holding at most one second's worth. Units are messages for e-mail and segments for SMS. Per instance:
 * several instances on one database each send at this rate.
 */
final class RateLimiter {
    private final Clock clock;
    private final double rate;
    private final double capacity;
    private double tokens;
    private Instant last;

    RateLimiter(Clock clock, double ratePerSecond) {
        this.clock = clock;
        this.rate = ratePerSecond;
        this.capacity = Math.max(1, ratePerSecond);
        this.tokens = capacity;
        this.last = clock.instant();
    }

    /** Whole units that may be sent now. */
    synchronized int available() {
        refill();
        return (int) Math.floor(Math.max(0, tokens));
    }

    /** Spends units; the bucket may go below zero (an SMS turned out longer), which delays what follows. */
    synchronized void spend(double units) {
        refill();
        tokens -= units;
    }

    /** How long until at least one unit is available. */
    synchronized Duration untilAvailable() {
        refill();
        return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) ((1 - tokens) / rate * 1e9));
    }

    private void refill() {
        Instant now = clock.instant();
        if (now.isAfter(last)) {
            tokens = Math.min(capacity, tokens + Duration.between(last, now).toNanos() / 1e9 * rate);
            last = now;
        }
    }
}
