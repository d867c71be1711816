package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadFormatTest {

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({
        "ALERTMANAGER, alertmanager.json",
        "ALERTMANAGER, alertmanager-resolved.json",
        "GRAFANA, grafana.json",
        "SPLUNK, splunk.json",
        "ELASTIC, elastic-kibana.json"})
    void eachFormatsParserReadsItsSendersSample(PayloadFormat format, String sample) {
        assertThat(format.parser().parse("s", Samples.bytes(sample), Severity.LOW)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource({
        "ALERTMANAGER, splunk.json",
        "GRAFANA, elastic-kibana.json",
        "SPLUNK, grafana.json",
        "ELASTIC, alertmanager.json",
        "GENERIC, splunk.json"})
    void aSourceConfiguredWithTheWrongFormatRefusesTheDelivery(PayloadFormat format, String sample) {
        assertThatThrownBy(() -> format.parser().parse("s", Samples.bytes(sample), Severity.LOW))
                .isInstanceOf(MalformedAlertException.class);
    }
}
