package org.breachline.rules;

/** A rule of a touched jurisdiction that does not apply, with the reason in words. */
public record NotRequired(String ruleId, String jurisdiction, String reason) {
}
