package org.breachline.hooks;

import org.breachline.text.Abbreviation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One alert as Breachline understands it, whichever sender and format it came from.
 *
 * @param source      the alert source's name (the {@code {source}} of {@code /hooks/{source}})
 * @param fingerprint the sender's stable identity of the alert, or one derived from its stable fields; with the
 *                    source, the dedup key
 * @param title       a one-line summary
 * @param description longer text, or null when the sender gave none
 * @param severity    mapped from the sender's words, or the source's default
 * @param status      firing or resolved, per alert (one delivery may mix both)
 * @param labels      the sender's key/value labels (never null; may be empty)
 * @param link        an absolute http(s) URL back to the sender, or null; other schemes are dropped so that a UI can
 *                    render it as a link safely
 * @param startsAt    when the condition began, or null when unknown
 * @param endsAt      when it ended, or null while firing or when unknown (Alertmanager's zero time reads as null)
 * @param payload     the whole delivery, verbatim
 */
public record Alert(
        String source,
        String fingerprint,
        String title,
        String description,
        Severity severity,
        AlertStatus status,
        Map<String, String> labels,
        String link,
        Instant startsAt,
        Instant endsAt,
        RawPayload payload) {

    /** The longest title kept: an incident's title holds 200 characters, and the timeline entry quotes it. */
    public static final int MAX_TITLE_LENGTH = 200;

    /** The longest description kept, an incident's limit; the whole text stays in the raw payload. */
    public static final int MAX_DESCRIPTION_LENGTH = 20_000;

    /** The longest fingerprint accepted from a sender, so that the dedup key fits an indexed column. */
    public static final int MAX_FINGERPRINT_LENGTH = 200;

    public Alert {
        requireText(source, "source");
        requireText(fingerprint, "fingerprint");
        if (fingerprint.length() > MAX_FINGERPRINT_LENGTH) {
            throw new IllegalArgumentException("fingerprint is longer than " + MAX_FINGERPRINT_LENGTH);
        }
        requireText(title, "title");
        title = Abbreviation.of(title, MAX_TITLE_LENGTH);
        description = Abbreviation.of(description, MAX_DESCRIPTION_LENGTH);
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(payload, "payload");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    // The raw payload is left out on purpose: it is large and may hold personal data.
    @Override
    public String toString() {
        return "Alert[source=" + source + ", fingerprint=" + fingerprint + ", status=" + status
                + ", severity=" + severity + ", title=" + title + "]";
    }
}
