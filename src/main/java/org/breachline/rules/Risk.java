package org.breachline.rules;

/** The risk assessment's outcome, ordered: NONE &lt; LOW &lt; RISK &lt; HIGH. */
public enum Risk {
    NONE, LOW, RISK, HIGH;

    boolean atLeast(Risk other) {
        return compareTo(other) >= 0;
    }
}
