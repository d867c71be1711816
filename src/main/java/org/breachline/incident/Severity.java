package org.breachline.incident;

/** How bad an incident is, for triage. */
public enum Severity { LOW, MEDIUM, HIGH, CRITICAL }
