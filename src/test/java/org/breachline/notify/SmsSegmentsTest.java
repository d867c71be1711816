package org.breachline.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

    @Test
    void fitsOneHundredSixtyGsmCharactersInOneSegment() {
        assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(new SmsSegmentCount(SmsEncoding.GSM_7, 160, 160, 1));
    }

    @Test
    void splitsOneHundredSixtyOneGsmCharactersIntoTwoSegments() {
        assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(new SmsSegmentCount(SmsEncoding.GSM_7, 161, 161, 2));
    }

    @Test
    void packsOneHundredFiftyThreeGsmCharactersPerConcatenatedSegment() {
        assertThat(SmsSegments.count("a".repeat(306)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void countsExtensionCharactersAsTwoSeptets() {
        var euros = SmsSegments.count("€{}[]~^|\\");

        assertThat(euros.encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(euros.characters()).isEqualTo(9);
        assertThat(euros.units()).isEqualTo(18);
    }

    @Test
    void tipsIntoASecondSegmentWhenAnExtensionCharacterTakesTheLastSeptet() {
        assertThat(SmsSegments.count("a".repeat(159) + "€").segments()).isEqualTo(2);
        assertThat(SmsSegments.count("a".repeat(158) + "{").segments()).isEqualTo(1);
    }

    @Test
    void keepsAnEscapeAndItsCharacterInTheSameSegment() {
        // 152 septets then '€' (2) would straddle the 153 boundary: the euro moves to the next part.
        String body = "a".repeat(152) + "€" + "a".repeat(152);

        var count = SmsSegments.count(body);

        assertThat(count.units()).isEqualTo(306);
        assertThat(count.segments()).isEqualTo(3);
    }

    @Test
    void keepsGermanUmlautsAndCommonAccentsInGsm() {
        assertThat(SmsSegments.count("Änderung für Jürgen: Größe ÄÖÜäöüß é à").encoding()).isEqualTo(SmsEncoding.GSM_7);
    }

    @Test
    void switchesToUcs2ForAnEmoji() {
        var count = SmsSegments.count("Hello 🙂");

        assertThat(count.encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(count.characters()).isEqualTo(7);
        assertThat(count.units()).isEqualTo(8);
        assertThat(count.segments()).isEqualTo(1);
    }

    @Test
    void switchesToUcs2ForCharactersOutsideTheGsmAlphabet() {
        assertThat(SmsSegments.count("naïve – “quoted”").encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(SmsSegments.count("`").encoding()).isEqualTo(SmsEncoding.UCS_2);
    }

    @Test
    void fitsSeventyUcs2UnitsInOneSegmentAndSplitsAtSixtySevenAfterThat() {
        assertThat(SmsSegments.count("ж".repeat(70))).isEqualTo(new SmsSegmentCount(SmsEncoding.UCS_2, 70, 70, 1));
        assertThat(SmsSegments.count("ж".repeat(71)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("ж".repeat(134)).segments()).isEqualTo(2);
        assertThat(SmsSegments.count("ж".repeat(135)).segments()).isEqualTo(3);
    }

    @Test
    void neverSplitsASurrogatePairAcrossSegments() {
        // 66 units then an emoji (2 units) would straddle the 67 boundary: the emoji moves to the second part.
        String body = "ж".repeat(66) + "🙂" + "ж".repeat(66);

        var count = SmsSegments.count(body);

        assertThat(count.units()).isEqualTo(134);
        assertThat(count.segments()).isEqualTo(3);
    }

    @Test
    void countsAnEmptyBodyAsOneSegment() {
        assertThat(SmsSegments.count("")).isEqualTo(new SmsSegmentCount(SmsEncoding.GSM_7, 0, 0, 1));
    }
}
