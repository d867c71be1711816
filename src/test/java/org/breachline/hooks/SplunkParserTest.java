package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SplunkParserTest {

    private final AlertParser parser = new SplunkParser();

    @Test
    void readsTheSampleAsOneFiringAlertOfTheSourceDefaultSeverity() {
        byte[] body = Samples.bytes("splunk.json");

        Alert alert = parser.parse("splunk", body, Severity.HIGH).get(0);

        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.title()).isEqualTo("Bulk customer export to unknown destination");
        assertThat(alert.severity()).as("Splunk sends no severity").isEqualTo(Severity.HIGH);
        assertThat(alert.link()).startsWith("https://splunk.example.internal:8000/app/search/@go?sid=");
        assertThat(alert.startsAt()).isEqualTo(Instant.ofEpochSecond(1772787072L));
        assertThat(alert.endsAt()).isNull();
        assertThat(alert.labels()).containsEntry("app", "search").containsEntry("owner", "admin")
                .containsEntry("sid", "scheduler__admin__search__RMD5c8f41a27be93d650_at_1772787300_4127");
        assertThat(alert.description())
                .startsWith("First result: host=web-07, ")
                .contains("user=svc-reporting", "dest=198.51.100.23")
                .doesNotContain("_time");
        assertThat(alert.payload().bytes()).isEqualTo(body);
        assertThat(alert.fingerprint()).hasSize(32).matches("[0-9a-f]+");
    }

    @Test
    void givesTheSameSavedSearchFiringInAnotherRunTheSameFingerprint() {
        Alert first = parser.parse("splunk", Samples.bytes("splunk.json"), Severity.HIGH).get(0);
        byte[] nextRun = Samples.edited("splunk.json", d -> {
            d.put("sid", "scheduler__admin__search__RMD5c8f41a27be93d650_at_1772790900_4410");
            d.put("results_link", "https://splunk.example.internal:8000/app/search/@go?sid=other");
            d.putObject("result").put("user", "someone-else").put("count", "9");
        });

        Alert second = parser.parse("splunk", nextRun, Severity.HIGH).get(0);

        assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
    }

    @Test
    void givesAnotherSavedSearchOrTheSameNameInAnotherAppAnotherFingerprint() {
        String sample = parser.parse("splunk", Samples.bytes("splunk.json"), Severity.HIGH).get(0).fingerprint();
        byte[] otherSearch = Samples.edited("splunk.json", d -> d.put("search_name", "Admin login from new country"));
        byte[] otherApp = Samples.edited("splunk.json", d -> d.put("app", "security_essentials"));

        assertThat(parser.parse("splunk", otherSearch, Severity.HIGH).get(0).fingerprint()).isNotEqualTo(sample);
        assertThat(parser.parse("splunk", otherApp, Severity.HIGH).get(0).fingerprint()).isNotEqualTo(sample);
    }

    @Test
    void identifiesAnAdHocSearchWithoutNameByItsSid() {
        byte[] adHoc = Samples.edited("splunk.json", d -> d.putNull("search_name").put("sid", "1772789455.48213"));
        byte[] sameRunOtherRow = Samples.edited("splunk.json", d -> {
            d.putNull("search_name").put("sid", "1772789455.48213");
            d.putObject("result").put("host", "web-08");
        });
        byte[] otherRun = Samples.edited("splunk.json", d -> d.putNull("search_name").put("sid", "1772789999.1"));

        Alert alert = parser.parse("splunk", adHoc, Severity.LOW).get(0);

        assertThat(alert.title()).isEqualTo("Splunk ad hoc search 1772789455.48213");
        assertThat(parser.parse("splunk", sameRunOtherRow, Severity.LOW).get(0).fingerprint())
                .isEqualTo(alert.fingerprint());
        assertThat(parser.parse("splunk", otherRun, Severity.LOW).get(0).fingerprint())
                .isNotEqualTo(alert.fingerprint());
    }

    @Test
    void takesASeverityTheSearchComputed() {
        byte[] urgent = Samples.edited("splunk.json", d -> ((com.fasterxml.jackson.databind.node.ObjectNode)
                d.get("result")).put("urgency", "critical"));

        assertThat(parser.parse("splunk", urgent, Severity.LOW).get(0).severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void readsAStatsRowWithMultivalueFieldsAndNoTime() {
        byte[] stats = Samples.utf8("{\"sid\": \"1772789455.48213\", \"search_name\": \"Exports per user\", "
                + "\"app\": \"search\", \"owner\": \"admin\", \"results_link\": \"https://splunk.example.internal/x\", "
                + "\"result\": {\"values(user)\": [\"alice\", \"bob\"], \"count\": \"2\"}}");

        Alert alert = parser.parse("splunk", stats, Severity.LOW).get(0);

        assertThat(alert.startsAt()).isNull();
        assertThat(alert.description()).isEqualTo("First result: values(user)=alice, bob, count=2");
    }

    @Test
    void readsAPayloadWithoutResult() {
        byte[] bare = Samples.edited("splunk.json", d -> d.remove("result"));

        Alert alert = parser.parse("splunk", bare, Severity.LOW).get(0);

        assertThat(alert.description()).isNull();
        assertThat(alert.startsAt()).isNull();
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("empty", "", "$"),
                Arguments.of("not JSON", "sid=1", "$"),
                Arguments.of("no sid", "{\"search_name\": \"x\"}", "$.sid"),
                Arguments.of("a numeric sid", "{\"sid\": 17}", "$.sid"),
                Arguments.of("a numeric search name", "{\"sid\": \"1.2\", \"search_name\": 5}", "$.search_name"),
                Arguments.of("result as a string", "{\"sid\": \"1.2\", \"result\": \"row\"}", "$.result"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesAMalformedPayloadNamingWhere(String what, String body, String path) {
        assertThatThrownBy(() -> parser.parse("splunk", Samples.utf8(body), Severity.LOW))
                .isInstanceOfSatisfying(MalformedAlertException.class, e -> assertThat(e.path()).isEqualTo(path));
    }
}
