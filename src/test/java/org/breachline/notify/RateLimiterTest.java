package org.breachline.notify;

import org.breachline.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-06T10:00:00Z"));

    @Test
    void allowsOneSecondsWorthAndRefillsAsTheClockMoves() {
        RateLimiter limit = new RateLimiter(clock, 10);
        assertThat(limit.available()).isEqualTo(10);
        limit.spend(10);
        assertThat(limit.available()).isZero();
        assertThat(limit.untilAvailable()).isEqualTo(Duration.ofMillis(100));
        clock.advance(Duration.ofMillis(500));
        assertThat(limit.available()).isEqualTo(5);
        clock.advance(Duration.ofHours(1));
        assertThat(limit.available()).as("never more than a second's worth").isEqualTo(10);
    }

    @Test
    void aLongSmsOverdrawsTheBucketAndDelaysWhatFollows() {
        RateLimiter limit = new RateLimiter(clock, 1); // a US long code: one segment per second
        assertThat(limit.available()).isEqualTo(1);
        limit.spend(3); // the message turned out to be three segments
        assertThat(limit.available()).isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(limit.available()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limit.available()).isEqualTo(1);
    }
}
