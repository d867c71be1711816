package org.breachline.hooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the grouped-alert body that Alertmanager's webhook and Grafana's (a fork of the same code) share: one alert per
 * entry of {@code alerts}, each with its own status, labels, annotations, times and fingerprint.
 */
final class AlertGroupReader {

    /** How a sender names a title when the alert has no summary annotation; the one difference between the two. */
    interface TitleFallback {
        String title(Map<String, String> labels, String fingerprint);
    }

    private final TitleFallback titleFallback;

    AlertGroupReader(TitleFallback titleFallback) {
        this.titleFallback = titleFallback;
    }

    List<Alert> read(String source, byte[] body, Severity defaultSeverity) {
        PayloadNode root = PayloadNode.parseObject(body);
        RawPayload payload = new RawPayload(body);
        List<Alert> alerts = new ArrayList<>();
        // The top-level status, receiver, groupKey and common* are properties of the delivery, not of an alert: the
        // top-level status is "firing" when any alert fires, so each alert's own status is what counts.
        for (PayloadNode entry : root.nonEmptyArray("alerts")) {
            entry.requireObject();
            AlertStatus status = entry.optionalText("status")
                    .map(word -> AlertStatus.fromWord(word).orElseThrow(() -> new MalformedAlertException(
                            entry.path() + ".status", "must be \"firing\" or \"resolved\"")))
                    .orElseThrow(() -> new MalformedAlertException(entry.path() + ".status", "is required"));
            // Treated as opaque and never recomputed: Grafana hashes labels it strips from the payload.
            String fingerprint = entry.text("fingerprint", Alert.MAX_FINGERPRINT_LENGTH);
            Map<String, String> labels = entry.stringMap("labels");
            Map<String, String> annotations = entry.stringMap("annotations");
            String title = nonBlank(annotations.get("summary"))
                    .orElseGet(() -> titleFallback.title(labels, fingerprint));
            String description = nonBlank(annotations.get("description"))
                    .or(() -> nonBlank(annotations.get("message")))
                    .orElse(null);
            Severity severity = nonBlank(labels.get("severity"))
                    .or(() -> nonBlank(labels.get("priority")))
                    .flatMap(Severity::fromSenderWord)
                    .orElse(defaultSeverity);
            // generatorURL points at the rule, which is stable; Grafana's dashboard and panel URLs carry the
            // notification time and change between repeats.
            String link = HttpLink.firstOf(entry.optionalText("generatorURL").orElse(null),
                    annotations.get("runbook_url"));
            Instant startsAt = entry.optionalInstant("startsAt").orElse(null);
            Instant endsAt = entry.optionalInstant("endsAt").orElse(null);
            alerts.add(new Alert(source, fingerprint, title, description, severity, status, labels, link,
                    startsAt, endsAt, payload));
        }
        return List.copyOf(alerts);
    }

    static Optional<String> nonBlank(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }
}
