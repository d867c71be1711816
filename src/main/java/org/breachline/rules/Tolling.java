package org.breachline.rules;

/** What a law-enforcement delay does to a rule's clock once the delay is lifted. */
public enum Tolling {
    /** The paused time is added to the deadline after clearance. */
    RESUMES_AFTER_CLEARANCE,
    /** The law gives no number after clearance ("promptly") or another rule takes over: the clock stays tolled. */
    STAYS_TOLLED_AFTER_CLEARANCE
}
