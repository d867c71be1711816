package org.breachline.hooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides whether an alert opens a new incident, joins the latest one of its fingerprint, or is only recorded.
 *
 * <ul>
 *   <li>A firing alert joins the open incident of its fingerprint when it arrives within the source's dedup window of
 *       that incident's last alert. The window slides: an alert that keeps firing (Alertmanager repeats it every
 *       {@code repeat_interval}) stays on one incident for as long as the repeats come closer than the window.</li>
 *   <li>A firing alert after a longer quiet spell opens a new incident even if the old one is still open: breach
 *       incidents stay open for months through notification, and the same alert months later is a new event.</li>
 *   <li>A firing alert never joins a closed incident: reopening is an explicit human action with a reason, and
 *       folding a new firing into a closed incident could hide a new breach. Silence the alert at the sender
 *       instead.</li>
 *   <li>A resolved alert joins the open incident of its fingerprint whatever the window (it is the end of that
 *       incident's alert) and never opens one; with no open incident it is only recorded.</li>
 * </ul>
 */
public final class DedupPolicy {

    public DedupDecision decide(Alert alert, Instant receivedAt, Duration window, LatestIncident latest) {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(latest, "latest");
        if (alert.status() == AlertStatus.RESOLVED) {
            if (latest instanceof LatestIncident.Found found && found.open()) {
                return new DedupDecision.AppendToIncident(found.incidentId(),
                        DedupDecision.Because.RESOLVES_OPEN_INCIDENT);
            }
            return new DedupDecision.RecordOnly(DedupDecision.Because.RESOLVED_WITHOUT_OPEN_INCIDENT);
        }
        if (!(latest instanceof LatestIncident.Found found)) {
            return new DedupDecision.OpenNewIncident(DedupDecision.Because.FIRST_ALERT_OF_FINGERPRINT);
        }
        if (!found.open()) {
            return new DedupDecision.OpenNewIncident(DedupDecision.Because.LATEST_INCIDENT_CLOSED);
        }
        // Received time, not the sender's startsAt: a repeat carries the original startsAt however late it comes.
        boolean withinWindow = !receivedAt.isAfter(found.lastAlertAt().plus(window));
        return withinWindow
                ? new DedupDecision.AppendToIncident(found.incidentId(), DedupDecision.Because.REPEATS_WITHIN_WINDOW)
                : new DedupDecision.OpenNewIncident(DedupDecision.Because.QUIET_LONGER_THAN_WINDOW);
    }
}
