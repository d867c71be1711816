package org.breachline.people;

/** Counts of one import run. */
public record ImportSummary(long accepted, long rejected) {
}
