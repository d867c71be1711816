package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeverityTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "critical, CRITICAL", "CRIT, CRITICAL", "page, CRITICAL", "P1, CRITICAL", "disaster, CRITICAL",
        "high, HIGH", "error, HIGH", "Major, HIGH", "sev2, HIGH",
        "warning, MEDIUM", "medium, MEDIUM", "average, MEDIUM",
        "info, LOW", "low, LOW", "minor, LOW", "' notice ', LOW"})
    void mapsSenderWordsToOurScale(String word, Severity expected) {
        assertThat(Severity.fromSenderWord(word)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "spicy", "5", "none"})
    void leavesUnknownWordsToTheSourceDefault(String word) {
        assertThat(Severity.fromSenderWord(word)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"warning", "p1"})
    void acceptsOnlyItsOwnNamesWhereTheFormatIsOurs(String word) {
        assertThat(Severity.fromName(word)).isEmpty();
        assertThat(Severity.fromName("critical")).contains(Severity.CRITICAL);
    }
}
