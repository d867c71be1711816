package org.breachline.incident;

/** What caused the breach, where known; a few laws turn on it. */
public enum Cause { EXTERNAL_ATTACK, MALICIOUS_INSIDER, ACCIDENTAL_DISCLOSURE, LOST_OR_STOLEN_DEVICE, SYSTEM_FAILURE, UNKNOWN }
