package org.breachline.hooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/** A sender's Unix-seconds timestamp header, checked against our clock with a tolerance either way. */
final class SignedTimestamp {

    // Strict digits: the header is signed as text, and Long.parseLong would also take "+", "-" or leading zeros that
    // make the same instant read from differently signed texts.
    private static final Pattern UNIX_SECONDS = Pattern.compile("[1-9][0-9]{0,11}");

    private SignedTimestamp() {
    }

    static Optional<Instant> parse(String header) {
        if (!UNIX_SECONDS.matcher(header).matches()) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(header)));
    }

    /** Whether the timestamp is within {@code tolerance} of now, in the past or the future (clock skew). */
    static boolean isFresh(Instant timestamp, Clock clock, Duration tolerance) {
        return Duration.between(timestamp, clock.instant()).abs().compareTo(tolerance) <= 0;
    }
}
