package org.breachline.people;

/** One refused field of an import row: where and why, never the value. */
public record Rejection(long line, String field, String reason) {
}
