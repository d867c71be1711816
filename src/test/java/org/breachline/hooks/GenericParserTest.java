package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GenericParserTest {

    private final AlertParser parser = new GenericParser();

    static byte[] signedSampleBody() {
        return Samples.utf8(Samples.tree("standard-webhooks-signed.json").get("body").textValue());
    }

    @Test
    void readsTheBodyOfTheSignedSample() {
        byte[] body = signedSampleBody();

        Alert alert = parser.parse("edr", body, Severity.LOW).get(0);

        assertThat(alert.source()).isEqualTo("edr");
        assertThat(alert.fingerprint()).isEqualTo("edr-host-77-ransomware");
        assertThat(alert.title()).isEqualTo("Ransomware behaviour on file server fs-03");
        assertThat(alert.description()).isEqualTo("Mass file renames with .locked extension; shadow copies deleted.");
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.labels()).isEqualTo(Map.of("host", "fs-03", "tactic", "impact"));
        assertThat(alert.link()).isEqualTo("https://edr.example.internal/incidents/77");
        assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-03-06T09:10:00Z"));
        assertThat(alert.endsAt()).isNull();
        assertThat(alert.payload().bytes()).isEqualTo(body);
    }

    @Test
    void needsOnlyATitleAndFillsTheRestWithDefaults() {
        Alert alert = parser.parse("edr", Samples.utf8("{\"title\": \"Honeytoken used\"}"), Severity.HIGH).get(0);

        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.labels()).isEmpty();
        assertThat(alert.description()).isNull();
        assertThat(alert.link()).isNull();
        assertThat(alert.startsAt()).isNull();
    }

    @Test
    void aHugeTitleIsCutToWhatAnIncidentHoldsAndAHugeLinkIsDropped() {
        String body = "{\"title\": \"" + "T".repeat(100_000) + "\", \"link\": \"https://siem.example/"
                + "x".repeat(100_000) + "\", \"description\": \"" + "d".repeat(30_000) + "\"}";

        Alert alert = parser.parse("edr", Samples.utf8(body), Severity.HIGH).get(0);

        assertThat(alert.title()).hasSize(Alert.MAX_TITLE_LENGTH).endsWith("T…");
        assertThat(alert.description()).hasSize(Alert.MAX_DESCRIPTION_LENGTH).endsWith("d…");
        assertThat(alert.link()).as("a 100 KB link is no way back to the sender").isNull();
        assertThat(alert.payload().text()).as("the payload keeps it all").isEqualTo(body);
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreDroppedFromTextButPairsAreKept() {
        String body = "{\"title\": \"Disk\\u0000 full \\ud800on db-1 \\ud83d\\udd25\", \"labels\": {\"host\": \"db\\u0007-1\\udc00\"}}";

        Alert alert = parser.parse("edr", Samples.utf8(body), Severity.HIGH).get(0);

        assertThat(alert.title()).isEqualTo("Disk full on db-1 \ud83d\udd25");
        assertThat(alert.labels()).isEqualTo(Map.of("host", "db-1"));
        assertThat(alert.payload().text()).as("the payload keeps it verbatim").isEqualTo(body);
    }

    @Test
    void derivesTheFingerprintFromTheTitleWhenNoneIsGiven() {
        String first = parser.parse("edr", Samples.utf8("{\"title\": \"Honeytoken used\", \"severity\": \"low\"}"),
                Severity.HIGH).get(0).fingerprint();
        String again = parser.parse("edr", Samples.utf8("{\"title\": \"Honeytoken used\"}"), Severity.HIGH).get(0)
                .fingerprint();
        String other = parser.parse("edr", Samples.utf8("{\"title\": \"Canary file opened\"}"), Severity.HIGH).get(0)
                .fingerprint();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void readsAResolutionWithItsTimeAsEnd() {
        Alert alert = parser.parse("edr", Samples.utf8("{\"title\": \"t\", \"fingerprint\": \"f\", "
                + "\"status\": \"RESOLVED\", \"occurredAt\": \"2026-03-06T10:00:00+02:00\"}"), Severity.LOW).get(0);

        assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alert.endsAt()).isEqualTo(Instant.parse("2026-03-06T08:00:00Z"));
        assertThat(alert.startsAt()).isNull();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", "$"),
                Arguments.of("not JSON", "title: x", "$"),
                Arguments.of("an array of alerts", "[{\"title\": \"t\"}]", "$"),
                Arguments.of("no title", "{\"severity\": \"LOW\"}", "$.title"),
                Arguments.of("a numeric title", "{\"title\": 7}", "$.title"),
                Arguments.of("an unknown severity", "{\"title\": \"t\", \"severity\": \"sev1\"}", "$.severity"),
                Arguments.of("an unknown status", "{\"title\": \"t\", \"status\": \"open\"}", "$.status"),
                Arguments.of("labels as a list", "{\"title\": \"t\", \"labels\": [\"a\"]}", "$.labels"),
                Arguments.of("a nested label", "{\"title\": \"t\", \"labels\": {\"a\": {}}}", "$.labels.a"),
                Arguments.of("a fingerprint too long",
                        "{\"title\": \"t\", \"fingerprint\": \"" + "x".repeat(201) + "\"}", "$.fingerprint"),
                Arguments.of("a time without offset",
                        "{\"title\": \"t\", \"occurredAt\": \"2026-03-06T10:00:00\"}", "$.occurredAt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesAMalformedBodyNamingWhere(String what, String body, String path) {
        assertThatThrownBy(() -> parser.parse("edr", Samples.utf8(body), Severity.LOW))
                .isInstanceOfSatisfying(MalformedAlertException.class, e -> assertThat(e.path()).isEqualTo(path));
    }
}
