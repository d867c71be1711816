package org.breachline.rules;

/** A count condition inside a trigger's {@code anyOf}, counted in the rule's jurisdiction. */
public record AffectedCount(ComparisonOperator op, int value) {
}
