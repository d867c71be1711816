package org.breachline.rules;

/** Size class of the organisation; SMALL processing agents get doubled periods under some laws (Brazil). */
public enum EntitySize { SMALL, STANDARD }
