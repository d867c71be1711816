package org.breachline.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void doublesWithEachAttemptUpToTheCap() {
        Backoff full = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10), fixed(0.999999));
        assertThat(full.after(1)).isBetween(Duration.ofMillis(29_990), Duration.ofSeconds(30));
        assertThat(full.after(2)).isBetween(Duration.ofMillis(59_990), Duration.ofSeconds(60));
        assertThat(full.after(3)).isBetween(Duration.ofMillis(119_990), Duration.ofSeconds(120));
        assertThat(full.after(20)).isBetween(Duration.ofMillis(599_990), Duration.ofMinutes(10));
    }

    @Test
    void jitterKeepsAtLeastHalfTheDelay() {
        assertThat(new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10), fixed(0)).after(2))
                .isEqualTo(Duration.ofSeconds(30));
    }
}
