package org.breachline.incident;

/** Optional filters of the incident listing; null means "any". {@code text} matches key, title and description. */
public record IncidentFilter(Stage stage, Severity severity, String text) {
}
