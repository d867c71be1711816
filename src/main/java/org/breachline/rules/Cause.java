package org.breachline.rules;

/** How the breach happened, for the laws that turn on it (Japan's APPI, Korea's PIPA). */
public enum Cause {
    EXTERNAL_ATTACK, MALICIOUS_INSIDER, ACCIDENTAL_DISCLOSURE, LOST_OR_STOLEN_DEVICE, SYSTEM_FAILURE, UNKNOWN
}
