package org.breachline.notify;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with jitter: attempt n waits base·2^(n-1), capped, then scaled by a random 50–100 %. */
final class Backoff {
    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;

    Backoff(Duration base, Duration max, RandomGenerator random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    Duration after(int attempts) {
        long factor = 1L << Math.min(30, Math.max(0, attempts - 1));
        long millis = Math.min(max.toMillis(), base.toMillis() * factor);
        // Jitter spreads retries of a batch that failed together, so they do not hit the provider together again.
        return Duration.ofMillis((long) (millis * (0.5 + 0.5 * random.nextDouble())));
    }
}
