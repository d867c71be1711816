package org.breachline.hooks;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Grafana unified alerting's default webhook body (Alertmanager's shape plus Grafana's keys, which are ignored);
 * bodies from a custom payload template are not this format.
 */
public final class GrafanaParser implements AlertParser {

    private final AlertGroupReader reader = new AlertGroupReader(GrafanaParser::title);

    @Override
    public List<Alert> parse(String source, byte[] body, Severity defaultSeverity) {
        return reader.read(source, body, defaultSeverity);
    }

    // A rule whose query fails or returns nothing fires as "DatasourceError"/"DatasourceNoData" and moves its own name
    // to a "rulename" label: without it every such alert of every rule would have the same title.
    private static String title(Map<String, String> labels, String fingerprint) {
        Optional<String> alertName = AlertGroupReader.nonBlank(labels.get("alertname"));
        Optional<String> ruleName = AlertGroupReader.nonBlank(labels.get("rulename"));
        if (alertName.isPresent() && ruleName.isPresent()) {
            return alertName.get() + ": " + ruleName.get();
        }
        return alertName.or(() -> ruleName).orElse("Grafana alert " + fingerprint);
    }
}
