package org.breachline.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EchoTest {
    @Test
    void shortTextIsShownWhole() {
        assertThat(Echo.of("US-XX")).isEqualTo("US-XX");
        assertThat(Echo.quoted("Mars/Olympus")).isEqualTo("'Mars/Olympus'");
        assertThat(Echo.of("x".repeat(Echo.MAX_CHARACTERS))).hasSize(Echo.MAX_CHARACTERS);
    }

    @Test
    void longTextIsCutAndSaysSo() {
        assertThat(Echo.of("a".repeat(100_000))).isEqualTo("a".repeat(Echo.MAX_CHARACTERS) + "…");
    }

    @Test
    void controlCharactersAreNotEchoed() {
        assertThat(Echo.of("DE\r\nX-Injected: 1\u0000")).isEqualTo("DE??X-Injected: 1?");
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsNeverCutInHalf() {
        String emoji = "\uD83D\uDE00";
        String shown = Echo.of(emoji.repeat(50));
        assertThat(shown).isEqualTo(emoji.repeat(Echo.MAX_CHARACTERS) + "…");
    }

    @Test
    void nullIsShownAsSuch() {
        assertThat(Echo.of(null)).isEqualTo("null");
    }

    @Test
    void aMemberPathNeverEndsInABareDot() {
        assertThat(Echo.member("affected", "DE")).isEqualTo("affected.DE");
        assertThat(Echo.member("affected", "")).isEqualTo("affected.\"\"");
        assertThat(Echo.member("", "title")).isEqualTo("title");
        assertThat(Echo.member("labels", "Q".repeat(100))).isEqualTo("labels." + "Q".repeat(Echo.MAX_CHARACTERS) + "…");
    }
}
