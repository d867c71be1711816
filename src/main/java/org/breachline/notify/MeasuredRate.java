package org.breachline.notify;

import java.time.Instant;

/**
 * The send rate a channel achieved lately: units (messages, or SMS segments) per second of a dispatcher's busy time,
 * over {@code units} units sent in {@code busyMillis}, as last written by {@code measuredBy} at {@code measuredAt}.
 */
public record MeasuredRate(double unitsPerSecond, long units, long busyMillis, String measuredBy, Instant measuredAt) {
}
