package org.breachline.hooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A token bucket on an injected clock: {@code capacity} at once, refilled at {@code perSecond}. Thread-safe. */
final class TokenBucket {
    private final Clock clock;
    private final double capacity;
    private final double perNano;
    private double tokens;
    private Instant refilledAt;

    TokenBucket(Clock clock, double capacity, double perSecond) {
        this.clock = clock;
        this.capacity = capacity;
        this.perNano = perSecond / Duration.ofSeconds(1).toNanos();
        this.tokens = capacity;
        this.refilledAt = clock.instant();
    }

    synchronized boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** How long until a token is there to take (zero when one is there now). */
    synchronized Duration untilNextToken() {
        refill();
        return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
    }

    private void refill() {
        Instant now = clock.instant();
        if (now.isAfter(refilledAt)) {
            tokens = Math.min(capacity, tokens + Duration.between(refilledAt, now).toNanos() * perNano);
            refilledAt = now;
        }
    }
}
