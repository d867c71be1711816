package org.breachline.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AbbreviationTest {
    @Test
    void keepsTextThatFitsAndMarksACut() {
        assertThat(Abbreviation.of("short", 5)).isEqualTo("short");
        assertThat(Abbreviation.of("longer", 5)).isEqualTo("long…");
        assertThat(Abbreviation.of(null, 5)).isNull();
    }

    @Test
    void neverLeavesHalfASurrogatePair() {
        String emoji = "ab\uD83D\uDE00cd"; // a, b, 😀 (two chars), c, d
        String cut = Abbreviation.of(emoji, 4);
        assertThat(cut).isEqualTo("ab…");
        assertThat(StorableText.problemInLine(cut)).isEmpty();
        assertThat(Abbreviation.of(emoji, 5)).isEqualTo("ab\uD83D\uDE00…");
    }
}
