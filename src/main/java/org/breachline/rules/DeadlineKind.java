package org.breachline.rules;

/** Whether an obligation has a fixed due instant, none by law, is waiting for its starting event, or is paused. */
public enum DeadlineKind { FIXED, NO_FIXED_DEADLINE, WAITING, TOLLED }
