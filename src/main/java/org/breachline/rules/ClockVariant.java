package org.breachline.rules;

/** A different clock that replaces a rule's own when its condition holds (Japan: 60 days for unlawful purposes). */
public record ClockVariant(Trigger when, Clock clock, String note) {
}
