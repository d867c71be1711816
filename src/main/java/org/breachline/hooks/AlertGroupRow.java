package org.breachline.hooks;

import java.time.Instant;
import java.util.UUID;

/** A {@code hook_alert_group} row: the latest incident of one (source, fingerprint). */
public record AlertGroupRow(String source, String fingerprint, UUID incidentId, Instant openedAt, Instant lastAlertAt,
                     Instant resolvedAt, long alertCount) {
}
