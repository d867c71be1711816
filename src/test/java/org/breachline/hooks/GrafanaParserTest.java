package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrafanaParserTest {

    private final AlertParser parser = new GrafanaParser();

    @Test
    void readsTheGrafana12Sample() {
        byte[] body = Samples.bytes("grafana.json");

        List<Alert> alerts = parser.parse("grafana", body, Severity.MEDIUM);

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.fingerprint()).isEqualTo("3083b23f10fc3479");
            assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(alert.title()).isEqualTo("312 failed admin logins from 14 IPs in 10 minutes");
            assertThat(alert.description()).isEqualTo("Credential stuffing against /admin/login");
            assertThat(alert.severity()).isEqualTo(Severity.HIGH);
            assertThat(alert.labels()).containsOnlyKeys("alertname", "grafana_folder", "severity", "team");
            assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-03-06T08:50:00Z"));
            assertThat(alert.endsAt()).isNull();
            assertThat(alert.payload().bytes()).isEqualTo(body);
        });
    }

    @Test
    void linksToTheRuleNotToTheDashboardWhoseUrlChangesBetweenRepeats() {
        Alert alert = parser.parse("grafana", Samples.bytes("grafana.json"), Severity.MEDIUM).get(0);

        assertThat(alert.link())
                .isEqualTo("https://grafana.example.internal/alerting/grafana/ee4kq2r7m0xs9c/view?orgId=1");
    }

    @Test
    void ignoresKeysAddedByNewerGrafanaVersions() {
        Alert plain = parser.parse("grafana", Samples.bytes("grafana.json"), Severity.MEDIUM).get(0);
        byte[] withMore = Samples.edited("grafana.json", d -> {
            d.put("futureTopLevelKey", "x");
            d.putObject("enrichments").putArray("items").add(1);
            ObjectNode alert = Samples.firstAlert(d);
            alert.put("imageURL", "https://grafana.example.internal/render/abc.png");
            alert.putArray("futureAlertKey").add("y");
            alert.putNull("embeddedImage");
        });

        Alert alert = parser.parse("grafana", withMore, Severity.MEDIUM).get(0);

        assertThat(alert).usingRecursiveComparison().ignoringFields("payload").isEqualTo(plain);
    }

    @Test
    void readsAGrafana11PayloadWithoutTheKeysAddedSince() {
        byte[] grafana11 = Samples.edited("grafana.json", d -> {
            d.remove(List.of("appVersion", "orgId"));
            Samples.firstAlert(d).remove(List.of("ruleUID", "orgId", "values", "valueString"));
        });

        assertThat(parser.parse("grafana", grafana11, Severity.MEDIUM))
                .singleElement()
                .extracting(Alert::fingerprint)
                .isEqualTo("3083b23f10fc3479");
    }

    @Test
    void readsAnAlertWithoutValues() {
        byte[] noValues = Samples.edited("grafana.json", d -> Samples.firstAlert(d).putNull("values"));

        assertThat(parser.parse("grafana", noValues, Severity.MEDIUM)).hasSize(1);
    }

    @Test
    void titlesADatasourceErrorWithTheRuleNameItReplaced() {
        byte[] error = Samples.edited("grafana.json", d -> {
            ObjectNode alert = Samples.firstAlert(d);
            ((ObjectNode) alert.get("annotations")).remove("summary");
            ((ObjectNode) alert.get("labels")).put("alertname", "DatasourceError").put("rulename",
                    "Failed admin logins");
        });

        assertThat(parser.parse("grafana", error, Severity.MEDIUM).get(0).title())
                .isEqualTo("DatasourceError: Failed admin logins");
    }

    @Test
    void readsTimesInTheGrafanaServersOffset() {
        byte[] offset = Samples.edited("grafana.json",
                d -> Samples.firstAlert(d).put("startsAt", "2026-03-06T09:41:30+01:00"));

        assertThat(parser.parse("grafana", offset, Severity.MEDIUM).get(0).startsAt())
                .isEqualTo(Instant.parse("2026-03-06T08:41:30Z"));
    }

    @Test
    void readsEachAlertsOwnStatusNotTheDeliverysState() {
        byte[] mixed = Samples.edited("grafana.json", d -> {
            ObjectNode resolved = Samples.firstAlert(d).deepCopy();
            resolved.put("status", "resolved").put("fingerprint", "1111222233334444")
                    .put("endsAt", "2026-03-06T09:00:00Z");
            d.withArray("/alerts").add(resolved);
        });

        List<Alert> alerts = parser.parse("grafana", mixed, Severity.MEDIUM);

        assertThat(alerts).extracting(Alert::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(alerts.get(1).endsAt()).isEqualTo(Instant.parse("2026-03-06T09:00:00Z"));
    }

    @Test
    void refusesADeliveryWithoutAlerts() {
        byte[] none = Samples.edited("grafana.json", d -> d.putArray("alerts"));

        assertThatThrownBy(() -> parser.parse("grafana", none, Severity.MEDIUM))
                .isInstanceOfSatisfying(MalformedAlertException.class,
                        e -> assertThat(e.path()).isEqualTo("$.alerts"));
    }

    @Test
    void refusesAnnotationsOfTheWrongType() {
        byte[] wrong = Samples.edited("grafana.json", d -> Samples.firstAlert(d).put("annotations", "summary"));

        assertThatThrownBy(() -> parser.parse("grafana", wrong, Severity.MEDIUM))
                .isInstanceOfSatisfying(MalformedAlertException.class,
                        e -> assertThat(e.path()).isEqualTo("$.alerts[0].annotations"));
    }

    @Test
    void refusesACustomTemplateBodyThatIsNotThisFormat() {
        byte[] custom = Samples.utf8("{\"text\": \"[FIRING:1] Failed admin logins\"}");

        assertThatThrownBy(() -> parser.parse("grafana", custom, Severity.MEDIUM))
                .isInstanceOfSatisfying(MalformedAlertException.class,
                        e -> assertThat(e.path()).isEqualTo("$.alerts"));
    }

    @Test
    void refusesABodyCutShort() {
        byte[] sample = Samples.bytes("grafana.json");
        byte[] cut = java.util.Arrays.copyOf(sample, sample.length / 2);

        assertThatThrownBy(() -> parser.parse("grafana", cut, Severity.MEDIUM))
                .isInstanceOfSatisfying(MalformedAlertException.class, e -> {
                    assertThat(e.path()).isEqualTo("$");
                    assertThat(e.problem()).startsWith("the body is not valid JSON at line ");
                });
    }

    @Test
    void refusesAnEmptyBody() {
        assertThatThrownBy(() -> parser.parse("grafana", new byte[0], Severity.MEDIUM))
                .isInstanceOfSatisfying(MalformedAlertException.class, e -> assertThat(e.path()).isEqualTo("$"));
    }
}
