package org.breachline.hooks;

import java.util.List;

/** Reads Prometheus Alertmanager's webhook body (payload version 4): one alert per entry, identified by fingerprint. */
public final class AlertmanagerParser implements AlertParser {

    private final AlertGroupReader reader = new AlertGroupReader((labels, fingerprint) ->
            AlertGroupReader.nonBlank(labels.get("alertname")).orElse("Alertmanager alert " + fingerprint));

    @Override
    public List<Alert> parse(String source, byte[] body, Severity defaultSeverity) {
        return reader.read(source, body, defaultSeverity);
    }
}
