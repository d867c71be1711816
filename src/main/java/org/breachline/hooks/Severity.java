package org.breachline.hooks;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How serious an alert is, on the one scale Breachline uses whatever the sender's own vocabulary. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    // Senders have no common vocabulary: Alertmanager rules use free-form labels ("critical", "warning", "page"),
    // Zabbix-style tools say "disaster"/"average", syslog-minded ones "emerg"/"err", ticketing tools "P1"/"sev2".
    private static final Map<String, Severity> SENDER_WORDS = Map.ofEntries(
            Map.entry("critical", CRITICAL), Map.entry("crit", CRITICAL), Map.entry("fatal", CRITICAL),
            Map.entry("emergency", CRITICAL), Map.entry("emerg", CRITICAL), Map.entry("alert", CRITICAL),
            Map.entry("disaster", CRITICAL), Map.entry("page", CRITICAL), Map.entry("p1", CRITICAL),
            Map.entry("sev1", CRITICAL), Map.entry("sev-1", CRITICAL),
            Map.entry("high", HIGH), Map.entry("error", HIGH), Map.entry("err", HIGH), Map.entry("major", HIGH),
            Map.entry("severe", HIGH), Map.entry("p2", HIGH), Map.entry("sev2", HIGH), Map.entry("sev-2", HIGH),
            Map.entry("medium", MEDIUM), Map.entry("moderate", MEDIUM), Map.entry("warning", MEDIUM),
            Map.entry("warn", MEDIUM), Map.entry("average", MEDIUM), Map.entry("p3", MEDIUM),
            Map.entry("sev3", MEDIUM), Map.entry("sev-3", MEDIUM),
            Map.entry("low", LOW), Map.entry("minor", LOW), Map.entry("info", LOW), Map.entry("informational", LOW),
            Map.entry("notice", LOW), Map.entry("p4", LOW), Map.entry("p5", LOW), Map.entry("sev4", LOW),
            Map.entry("sev-4", LOW), Map.entry("sev5", LOW), Map.entry("sev-5", LOW));

    /**
     * Maps a sender's severity word (case-insensitive, surrounding blanks ignored) to ours; empty when the word is
     * unknown, so that the caller falls back to the source's default rather than guessing.
     */
    public static Optional<Severity> fromSenderWord(String word) {
        if (word == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(SENDER_WORDS.get(word.strip().toLowerCase(Locale.ROOT)));
    }

    /** Our own name only (LOW, MEDIUM, HIGH, CRITICAL, any case): the generic format is ours, so no synonyms. */
    public static Optional<Severity> fromName(String name) {
        for (Severity severity : values()) {
            if (severity.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
