package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemorySeenWebhookIdsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-06T09:10:00Z"));
    private final InMemorySeenWebhookIds seen = new InMemorySeenWebhookIds(clock);

    @Test
    void answersFirstTimeOnlyOncePerSourceAndId() {
        Instant expires = clock.instant().plus(Duration.ofMinutes(5));

        assertThat(seen.firstTime("edr", "msg_1", expires)).isTrue();
        assertThat(seen.firstTime("edr", "msg_1", expires)).isFalse();
        assertThat(seen.firstTime("siem", "msg_1", expires)).isTrue();
        assertThat(seen.firstTime("edr", "msg_2", expires)).isTrue();
    }

    @Test
    void forgetsIdsOnceTheyExpire() {
        seen.firstTime("edr", "msg_1", clock.instant().plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThat(seen.firstTime("edr", "msg_2", clock.instant().plus(Duration.ofMinutes(5)))).isTrue();
        assertThat(seen.size()).isEqualTo(1);
    }
}
