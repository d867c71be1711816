package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertmanagerParserTest {

    private final AlertParser parser = new AlertmanagerParser();

    @Test
    void readsTheFiringSampleAsOneFiringAlert() {
        byte[] body = Samples.bytes("alertmanager.json");

        List<Alert> alerts = parser.parse("prometheus", body, Severity.MEDIUM);

        assertThat(alerts).hasSize(1);
        Alert alert = alerts.get(0);
        assertThat(alert.source()).isEqualTo("prometheus");
        assertThat(alert.fingerprint()).isEqualTo("7379ae27c82c44da");
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.title()).isEqualTo("Outbound transfer from customer-db far above baseline");
        assertThat(alert.description()).startsWith("db-replica-2 sent 41 GiB");
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.labels()).containsEntry("service", "customer-db").containsEntry("job", "node").hasSize(6);
        assertThat(alert.link()).startsWith("http://prometheus.example.internal:9090/graph?g0.expr=");
        assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-03-06T08:41:00Z"));
        assertThat(alert.endsAt()).as("Go's zero time means no end").isNull();
        assertThat(alert.payload().bytes()).isEqualTo(body);
    }

    @Test
    void readsTheResolvedSampleAsTheSameAlertResolvedWithItsEndTime() {
        Alert firing = parser.parse("prometheus", Samples.bytes("alertmanager.json"), Severity.MEDIUM).get(0);

        Alert resolved = parser.parse("prometheus", Samples.bytes("alertmanager-resolved.json"), Severity.MEDIUM)
                .get(0);

        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint());
        assertThat(resolved.startsAt()).isEqualTo(firing.startsAt());
        assertThat(resolved.endsAt()).isEqualTo(Instant.parse("2026-03-06T09:32:00Z"));
    }

    @Test
    void givesEachAlertOfAGroupedDeliveryItsOwnStatusAndTheWholeDeliveryAsPayload() {
        ObjectNode delivery = Samples.tree("alertmanager.json");
        ObjectNode second = Samples.firstAlert(Samples.tree("alertmanager-resolved.json"));
        second.put("fingerprint", "0a1b2c3d4e5f6a7b");
        ((ObjectNode) second.get("labels")).put("instance", "db-replica-3:9100");
        ((ArrayNode) delivery.get("alerts")).add(second);
        byte[] body = Samples.write(delivery);

        List<Alert> alerts = parser.parse("prometheus", body, Severity.MEDIUM);

        assertThat(alerts).extracting(Alert::fingerprint, Alert::status).containsExactly(
                tuple("7379ae27c82c44da", AlertStatus.FIRING),
                tuple("0a1b2c3d4e5f6a7b", AlertStatus.RESOLVED));
        assertThat(alerts.get(0).payload()).isSameAs(alerts.get(1).payload());
        assertThat(alerts.get(1).payload().bytes()).isEqualTo(body);
    }

    @Test
    void readsAReceiverWithARegexQuotedNameLikeAnyOther() {
        byte[] quoted = Samples.edited("alertmanager.json", d -> d.put("receiver", "secops\\.breachline"));

        List<Alert> alerts = parser.parse("prometheus", quoted, Severity.MEDIUM);

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.fingerprint()).isEqualTo("7379ae27c82c44da");
            assertThat(alert.title()).isEqualTo("Outbound transfer from customer-db far above baseline");
        });
        assertThat(alerts.get(0).payload().text()).contains("\"secops\\\\.breachline\"");
    }

    @Test
    void takesTheSourceDefaultSeverityWhenTheSeverityLabelIsUnknownOrAbsent() {
        byte[] unknown = Samples.edited("alertmanager.json",
                d -> ((ObjectNode) Samples.firstAlert(d).get("labels")).put("severity", "spicy"));
        byte[] absent = Samples.edited("alertmanager.json",
                d -> ((ObjectNode) Samples.firstAlert(d).get("labels")).remove("severity"));

        assertThat(parser.parse("p", unknown, Severity.LOW).get(0).severity()).isEqualTo(Severity.LOW);
        assertThat(parser.parse("p", absent, Severity.HIGH).get(0).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void titlesAnAlertWithoutSummaryByItsAlertName() {
        byte[] body = Samples.edited("alertmanager.json",
                d -> ((ObjectNode) Samples.firstAlert(d).get("annotations")).remove("summary"));

        assertThat(parser.parse("p", body, Severity.LOW).get(0).title()).isEqualTo("UnusualDataEgress");
    }

    @Test
    void dropsALinkThatIsNotAnHttpUrl() {
        byte[] script = Samples.edited("alertmanager.json", d -> {
            Samples.firstAlert(d).put("generatorURL", "javascript:alert(1)");
            ((ObjectNode) Samples.firstAlert(d).get("annotations")).remove("runbook_url");
        });

        byte[] ftp = Samples.edited("alertmanager.json", d -> {
            Samples.firstAlert(d).put("generatorURL", "ftp://files.example.internal/egress");
            ((ObjectNode) Samples.firstAlert(d).get("annotations")).remove("runbook_url");
        });

        assertThat(parser.parse("p", script, Severity.LOW).get(0).link()).isNull();
        assertThat(parser.parse("p", ftp, Severity.LOW).get(0).link()).isNull();
    }

    @Test
    void linksToTheRunbookWhenTheGeneratorUrlIsMissing() {
        byte[] body = Samples.edited("alertmanager.json", d -> Samples.firstAlert(d).put("generatorURL", ""));

        assertThat(parser.parse("p", body, Severity.LOW).get(0).link())
                .isEqualTo("https://runbooks.example.internal/egress");
    }

    @Test
    void readsTimesWithFractionsAndOffsets() {
        byte[] body = Samples.edited("alertmanager.json", d -> {
            Samples.firstAlert(d).put("startsAt", "2026-03-06T10:14:27.508Z");
            Samples.firstAlert(d).put("endsAt", "2026-03-06T11:00:00+01:00");
        });

        Alert alert = parser.parse("p", body, Severity.LOW).get(0);

        assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-03-06T10:14:27.508Z"));
        assertThat(alert.endsAt()).isEqualTo(Instant.parse("2026-03-06T10:00:00Z"));
    }

    @Test
    void acceptsTheTrailingNewlineAlertmanagerSends() {
        byte[] sample = Samples.bytes("alertmanager.json");
        byte[] withNewline = (new String(sample, java.nio.charset.StandardCharsets.UTF_8).strip() + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(parser.parse("p", withNewline, Severity.LOW)).hasSize(1);
    }

    static Stream<Arguments> malformedDeliveries() {
        return Stream.of(
                Arguments.of("an empty body", "", "$"),
                Arguments.of("blank", "  \n", "$"),
                Arguments.of("not JSON", "status=firing", "$"),
                Arguments.of("cut short", "{\"alerts\": [", "$"),
                Arguments.of("trailing garbage", "{\"alerts\": []} x", "$"),
                Arguments.of("an array instead of an object", "[]", "$"),
                Arguments.of("no alerts", "{\"status\": \"firing\"}", "$.alerts"),
                Arguments.of("alerts null", "{\"alerts\": null}", "$.alerts"),
                Arguments.of("an empty alert list", "{\"alerts\": []}", "$.alerts"),
                Arguments.of("alerts as an object", "{\"alerts\": {}}", "$.alerts"),
                Arguments.of("an alert that is a string", "{\"alerts\": [\"x\"]}", "$.alerts[0]"),
                Arguments.of("no status", alert("\"fingerprint\": \"ab\""), "$.alerts[0].status"),
                Arguments.of("an unknown status",
                        alert("\"status\": \"pending\", \"fingerprint\": \"ab\""), "$.alerts[0].status"),
                Arguments.of("a numeric status", alert("\"status\": 1, \"fingerprint\": \"ab\""),
                        "$.alerts[0].status"),
                Arguments.of("no fingerprint", alert("\"status\": \"firing\""), "$.alerts[0].fingerprint"),
                Arguments.of("a blank fingerprint", alert("\"status\": \"firing\", \"fingerprint\": \" \""),
                        "$.alerts[0].fingerprint"),
                Arguments.of("a fingerprint too long for the dedup key",
                        alert("\"status\": \"firing\", \"fingerprint\": \"" + "f".repeat(201) + "\""),
                        "$.alerts[0].fingerprint"),
                Arguments.of("labels as an array",
                        alert("\"status\": \"firing\", \"fingerprint\": \"ab\", \"labels\": []"),
                        "$.alerts[0].labels"),
                Arguments.of("a label with a number",
                        alert("\"status\": \"firing\", \"fingerprint\": \"ab\", \"labels\": {\"severity\": 2}"),
                        "$.alerts[0].labels.severity"),
                Arguments.of("a time without offset",
                        alert("\"status\": \"firing\", \"fingerprint\": \"ab\", \"startsAt\": \"2026-03-06 08:41\""),
                        "$.alerts[0].startsAt"));
    }

    private static String alert(String fields) {
        return "{\"alerts\": [{\"labels\": {\"alertname\": \"X\"}, " + fields + "}]}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedDeliveries")
    void refusesAMalformedDeliveryNamingWhere(String what, String body, String path) {
        assertThatThrownBy(() -> parser.parse("p", Samples.utf8(body), Severity.LOW))
                .isInstanceOfSatisfying(MalformedAlertException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.getMessage()).startsWith(path + ": ");
                });
    }

    @Test
    void neverQuotesThePayloadInTheReason() {
        assertThatThrownBy(() -> parser.parse("p", Samples.utf8("{\"alerts\": [secret-token]}"), Severity.LOW))
                .isInstanceOf(MalformedAlertException.class)
                .hasMessageContaining("line 1")
                .hasMessageNotContaining("secret");
    }

    @Test
    void titlesAnAlertWithNeitherSummaryNorAlertNameByItsFingerprint() {
        byte[] body = Samples.utf8(alert("\"status\": \"firing\", \"fingerprint\": \"ab12\"")
                .replace("\"alertname\": \"X\"", "\"team\": \"db\""));

        Alert alert = parser.parse("p", body, Severity.LOW).get(0);

        assertThat(alert.title()).isEqualTo("Alertmanager alert ab12");
        assertThat(alert.labels()).isEqualTo(Map.of("team", "db"));
    }
}
