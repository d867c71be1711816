package org.breachline.rules;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How the engine fills in what the facts leave open.
 *
 * @param defaultZone    zone in which day-counted deadlines end when the facts name none
 * @param internalTarget internal target after the clock start for duties without a fixed deadline
 */
public record EngineSettings(ZoneId defaultZone, Duration internalTarget) {

    public EngineSettings {
        Objects.requireNonNull(defaultZone, "defaultZone");
        Objects.requireNonNull(internalTarget, "internalTarget");
        if (internalTarget.isNegative() || internalTarget.isZero()) {
            throw new IllegalArgumentException("internalTarget must be positive");
        }
    }

    /** UTC and a seven-day internal target. */
    public static EngineSettings defaults() {
        return new EngineSettings(ZoneId.of("UTC"), Duration.ofDays(7));
    }
}
