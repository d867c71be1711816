package org.breachline.hooks;

import java.time.Instant;
import java.util.List;

/**
 * Reads Breachline's own generic alert format (one alert per body; see {@code docs/alert-formats.md}) for senders that
 * can shape their JSON, typically signed with Standard Webhooks.
 */
public final class GenericParser implements AlertParser {

    @Override
    public List<Alert> parse(String source, byte[] body, Severity defaultSeverity) {
        PayloadNode root = PayloadNode.parseObject(body);
        String title = root.text("title");
        // The format is ours and documented, so unknown enum words are refused with the reason rather than guessed:
        // the integrator sees the 400 while setting the sender up.
        Severity severity = root.optionalText("severity")
                .map(word -> Severity.fromName(word).orElseThrow(() -> new MalformedAlertException(
                        root.path() + ".severity", "must be one of LOW, MEDIUM, HIGH, CRITICAL")))
                .orElse(defaultSeverity);
        AlertStatus status = root.optionalText("status")
                .map(word -> AlertStatus.fromWord(word).orElseThrow(() -> new MalformedAlertException(
                        root.path() + ".status", "must be \"firing\" or \"resolved\"")))
                .orElse(AlertStatus.FIRING);
        // Without a fingerprint the title is the identity: the same title firing again groups with the first.
        String fingerprint = root.optionalText("fingerprint").isPresent()
                ? root.text("fingerprint", Alert.MAX_FINGERPRINT_LENGTH)
                : DerivedFingerprint.of("generic-title", title);
        Instant occurredAt = root.optionalInstant("occurredAt").orElse(null);
        String link = HttpLink.firstOf(root.optionalText("link").orElse(null));
        return List.of(new Alert(source, fingerprint, title, root.optionalText("description").orElse(null),
                severity, status, root.stringMap("labels"), link,
                status == AlertStatus.FIRING ? occurredAt : null,
                status == AlertStatus.RESOLVED ? occurredAt : null,
                new RawPayload(body)));
    }
}
