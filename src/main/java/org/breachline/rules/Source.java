package org.breachline.rules;

/** A public source a rule was checked against. */
public record Source(String title, String url) {
}
