package org.breachline.hooks;

import java.util.Locale;
import java.util.Optional;

/** Whether an alert reports a problem that is happening or one that has stopped. */
public enum AlertStatus {
    FIRING,
    RESOLVED;

    /** Reads "firing"/"resolved" in any case, the words Alertmanager, Grafana and our generic format use. */
    public static Optional<AlertStatus> fromWord(String word) {
        if (word == null) {
            return Optional.empty();
        }
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "firing" -> Optional.of(FIRING);
            case "resolved" -> Optional.of(RESOLVED);
            default -> Optional.empty();
        };
    }
}
