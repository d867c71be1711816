package org.breachline.obligation;

/** Where an obligation stands. OVERDUE is never stored: it is a PENDING one whose deadline has passed. */
public enum ObligationStatus { PENDING, DONE, OVERDUE, NOT_REQUIRED }
