package org.breachline.hooks;

/**
 * What one alert of a delivery did.
 *
 * @param incidentKey the incident it opened or joined, or null when it was only recorded
 */
public record AlertResult(String fingerprint, AlertAction action, DedupDecision.Because because,
                          String incidentKey) {

    /** The effect of one alert on the incidents. */
    public enum AlertAction { OPENED, APPENDED, RESOLVED, RECORDED }
}
