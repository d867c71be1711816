package org.breachline.incident;

/** The assessed risk to the people affected, in increasing order (GDPR Art. 33 from RISK, Art. 34 at HIGH). */
public enum Risk { NONE, LOW, RISK, HIGH }
