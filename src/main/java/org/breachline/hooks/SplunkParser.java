package org.breachline.hooks;

import org.breachline.text.Abbreviation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Splunk's "Webhook" alert action body ({@code sid}, {@code search_name}, {@code app}, {@code owner},
 * {@code results_link}, {@code result}): always one firing alert, since Splunk sends no resolution.
 */
public final class SplunkParser implements AlertParser {

    // Enough of the first result row to tell what fired without opening Splunk; the full row stays in the payload.
    private static final int DESCRIPTION_LIMIT = 1000;

    @Override
    public List<Alert> parse(String source, byte[] body, Severity defaultSeverity) {
        PayloadNode root = PayloadNode.parseObject(body);
        // The SID is per run (and "never parse the SID"): only the saved search's name is stable across runs, so
        // fingerprinting on it makes the same search firing again land on the same incident. The app is part of the
        // identity because two apps may each have a saved search of the same name.
        String sid = root.text("sid");
        Optional<String> searchName = root.optionalText("search_name");
        Optional<String> app = root.optionalText("app");
        Optional<String> owner = root.optionalText("owner");
        // Without a saved search (search_name null: an ad hoc run) the SID is all there is; "for each result" posts
        // of that run share it and so still group together.
        String fingerprint = searchName
                .map(name -> DerivedFingerprint.of("splunk-saved-search", app.orElse(""), name))
                .orElseGet(() -> DerivedFingerprint.of("splunk-ad-hoc", sid));
        String title = searchName.orElse("Splunk ad hoc search " + sid);

        Map<String, String> result = root.optionalObject("result").map(PayloadNode::scalarFields).orElse(Map.of());
        Map<String, String> labels = new LinkedHashMap<>();
        app.ifPresent(value -> labels.put("app", value));
        owner.ifPresent(value -> labels.put("owner", value));
        labels.put("sid", sid);

        // Splunk does not send the alert's severity setting; a search may still compute a severity or urgency field.
        Severity severity = Optional.ofNullable(result.get("severity"))
                .or(() -> Optional.ofNullable(result.get("urgency")))
                .flatMap(Severity::fromSenderWord)
                .orElse(defaultSeverity);

        String link = HttpLink.firstOf(root.optionalText("results_link").orElse(null));
        return List.of(new Alert(source, fingerprint, title, describe(result), severity, AlertStatus.FIRING, labels,
                link, eventTime(result.get("_time")), null, new RawPayload(body)));
    }

    // Internal fields (_raw, _time, _si, …) are left out: _raw is the whole event, unreadable in one line.
    private static String describe(Map<String, String> result) {
        StringBuilder text = new StringBuilder();
        result.forEach((key, value) -> {
            if (!key.startsWith("_")) {
                text.append(text.length() == 0 ? "First result: " : ", ").append(key).append('=').append(value);
            }
        });
        return text.length() == 0 ? null : Abbreviation.of(text.toString(), DESCRIPTION_LIMIT);
    }

    // _time is epoch seconds as a string, possibly with a fraction; a stats row has none. An odd value is not worth
    // losing the alert over: the start time is optional.
    private static Instant eventTime(String epochSeconds) {
        if (epochSeconds == null) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(epochSeconds.strip());
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
    }
}
