package org.breachline.rules;

import java.time.Instant;

/**
 * One notice an incident owes.
 *
 * @param dueAt    the fixed due instant, or null when the kind is not FIXED
 * @param targetAt internal target for duties without a fixed deadline; null otherwise
 * @param basis    how the deadline was counted, in words
 * @param phase    the phase's name where the law reports in phases; null otherwise
 */
public record Obligation(String ruleId, String jurisdiction, Recipient recipient, Instant dueAt,
                         DeadlineKind deadlineKind, Instant targetAt, String basis, String citation, String phase) {
}
