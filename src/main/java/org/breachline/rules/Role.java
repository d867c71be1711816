package org.breachline.rules;

/** The organisation's role in the breach: the one deciding about the data, or the one processing it for another. */
public enum Role { CONTROLLER, PROCESSOR }
