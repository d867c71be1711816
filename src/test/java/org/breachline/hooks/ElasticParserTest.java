package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ElasticParserTest {

    private final AlertParser parser = new ElasticParser();

    @Test
    void readsTheRenderedTemplateSample() {
        byte[] body = Samples.bytes("elastic-kibana.json");

        Alert alert = parser.parse("kibana", body, Severity.LOW).get(0);

        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.title()).isEqualTo("rule 'Mass download of patient records' matched query for group jdoe");
        assertThat(alert.description()).startsWith("Document count is 9812");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.link()).startsWith("https://kibana.example.internal/app/management/");
        assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-03-06T09:02:00.118Z"));
        assertThat(alert.endsAt()).isNull();
        assertThat(alert.labels())
                .containsEntry("rule.id", "3b1c9e40-7d2a-4f5e-9c1b-2f9a0d1e7b61")
                .containsEntry("rule.name", "Mass download of patient records")
                .containsEntry("rule.tags", "privacy,phi")
                .containsEntry("alert.id", "jdoe");
        assertThat(alert.payload().bytes()).isEqualTo(body);
    }

    @Test
    void readsARecoveryAsTheSameAlertResolved() {
        Alert active = parser.parse("kibana", Samples.bytes("elastic-kibana.json"), Severity.LOW).get(0);
        byte[] recovered = Samples.edited("elastic-kibana.json", d -> {
            ((ObjectNode) d.get("alert")).put("actionGroup", "recovered").put("actionGroupName", "Recovered");
            ((ObjectNode) d.get("context")).put("title", "rule 'Mass download of patient records' recovered")
                    .put("date", "2026-03-06T09:20:00.5Z");
        });

        Alert resolved = parser.parse("kibana", recovered, Severity.LOW).get(0);

        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.fingerprint()).isEqualTo(active.fingerprint());
        assertThat(resolved.endsAt()).isEqualTo(Instant.parse("2026-03-06T09:20:00.5Z"));
        assertThat(resolved.startsAt()).isNull();
    }

    @Test
    void identifiesAnAlertByRuleAndGroupNotByActivation() {
        String sample = parser.parse("kibana", Samples.bytes("elastic-kibana.json"), Severity.LOW).get(0)
                .fingerprint();
        byte[] nextActivation = Samples.edited("elastic-kibana.json",
                d -> ((ObjectNode) d.get("alert")).put("uuid", "00000000-0000-4000-8000-000000000001"));
        byte[] otherGroup = Samples.edited("elastic-kibana.json",
                d -> ((ObjectNode) d.get("alert")).put("id", "asmith"));
        byte[] otherRule = Samples.edited("elastic-kibana.json",
                d -> ((ObjectNode) d.get("rule")).put("id", "9e0f1a2b-0000-4000-8000-000000000002"));

        assertThat(parser.parse("kibana", nextActivation, Severity.LOW).get(0).fingerprint()).isEqualTo(sample);
        assertThat(parser.parse("kibana", otherGroup, Severity.LOW).get(0).fingerprint()).isNotEqualTo(sample);
        assertThat(parser.parse("kibana", otherRule, Severity.LOW).get(0).fingerprint()).isNotEqualTo(sample);
    }

    @Test
    void takesTheSourceDefaultWithoutASeverityLineAndADetectionRulesSeverityWhenPresent() {
        byte[] noSeverity = Samples.edited("elastic-kibana.json", d -> d.remove("severity"));
        byte[] detection = Samples.edited("elastic-kibana.json", d -> {
            d.remove("severity");
            ((ObjectNode) d.get("context")).putObject("rule").put("severity", "critical");
        });

        assertThat(parser.parse("kibana", noSeverity, Severity.MEDIUM).get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(parser.parse("kibana", detection, Severity.MEDIUM).get(0).severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void fallsBackToTheRuleNameAndUrlWithoutContext() {
        byte[] summary = Samples.edited("elastic-kibana.json", d -> d.remove("context"));

        Alert alert = parser.parse("kibana", summary, Severity.LOW).get(0);

        assertThat(alert.title()).isEqualTo("Mass download of patient records");
        assertThat(alert.link()).endsWith("/rule/3b1c9e40-7d2a-4f5e-9c1b-2f9a0d1e7b61");
        assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-03-06T09:02:05.311Z"));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", "$"),
                Arguments.of("not JSON", "{\"rule\": {\"id\": }", "$"),
                Arguments.of("no rule", "{\"alert\": {\"id\": \"jdoe\", \"actionGroup\": \"query matched\"}}",
                        "$.rule"),
                Arguments.of("no rule id", "{\"rule\": {}, \"alert\": {\"id\": \"jdoe\"}}", "$.rule.id"),
                Arguments.of("no alert", "{\"rule\": {\"id\": \"r\"}}", "$.alert"),
                Arguments.of("an unrendered summary action", "{\"rule\": {\"id\": \"r\"}, \"alerts\": {}}",
                        "$.alert"),
                Arguments.of("no alert id", "{\"rule\": {\"id\": \"r\"}, \"alert\": {\"actionGroup\": \"x\"}}",
                        "$.alert.id"),
                Arguments.of("a numeric action group",
                        "{\"rule\": {\"id\": \"r\"}, \"alert\": {\"id\": \"a\", \"actionGroup\": 1}}",
                        "$.alert.actionGroup"),
                Arguments.of("context as a string",
                        "{\"rule\": {\"id\": \"r\"}, \"alert\": {\"id\": \"a\", \"actionGroup\": \"x\"}, "
                                + "\"context\": \"c\"}",
                        "$.context"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesAMalformedBodyNamingWhere(String what, String body, String path) {
        assertThatThrownBy(() -> parser.parse("kibana", Samples.utf8(body), Severity.LOW))
                .isInstanceOfSatisfying(MalformedAlertException.class, e -> assertThat(e.path()).isEqualTo(path));
    }
}
