package org.breachline.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VolumeLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HooksSettings SECTION = JSON.convertValue(Map.of("ratePerSecond", 20, "rateBurst", 40,
            "maxPerSecond", 100, "maxBurst", 200), HooksSettings.class);

    private static HooksSettings.Source own(Map<String, Object> limits) {
        return JSON.convertValue(limits, HooksSettings.Source.class);
    }

    @Test
    void senderThatRetriesA429GetsTheSectionsCeiling() {
        VolumeLimits limits = VolumeLimits.of(SECTION, null, PayloadFormat.ELASTIC);
        assertThat(limits).isEqualTo(new VolumeLimits(20, 40, 100, 200));
        assertThat(VolumeLimits.of(SECTION, null, PayloadFormat.GENERIC).hasCeiling()).isTrue();
    }

    @Test
    void senderThatWouldDropARefusedAlertHasNoCeilingOnlyARate() {
        for (PayloadFormat format : new PayloadFormat[] {PayloadFormat.ALERTMANAGER, PayloadFormat.GRAFANA,
                PayloadFormat.SPLUNK}) {
            VolumeLimits limits = VolumeLimits.of(SECTION, own(Map.of("rateBurst", 5)), format);
            assertThat(limits.hasCeiling()).as(format.name()).isFalse();
            assertThat(limits).isEqualTo(new VolumeLimits(20, 5, null, null));
        }
    }

    @Test
    void aCeilingOfTheSourcesOwnAppliesWhateverItsFormat() {
        VolumeLimits limits = VolumeLimits.of(SECTION, own(Map.of("maxPerSecond", 7)), PayloadFormat.ALERTMANAGER);
        assertThat(limits).isEqualTo(new VolumeLimits(20, 40, 7, 200));
        assertThat(VolumeLimits.of(SECTION, own(Map.of("maxPerSecond", 7, "maxBurst", 9)), PayloadFormat.GENERIC))
                .isEqualTo(new VolumeLimits(20, 40, 7, 9));
    }
}
