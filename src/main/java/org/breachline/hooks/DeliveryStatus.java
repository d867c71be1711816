package org.breachline.hooks;

/** Where a stored delivery stands. */
public enum DeliveryStatus {
    /** Read and applied to incidents while its request waited (inline processing), or replayed from a dead letter. */
    PROCESSED,
    /**
     * Stored and answered 202, for the background worker to apply: it is waiting while its {@code hook_queue} row
     * still covers it, and applied (or folded into an identical delivery, which the timeline entry names) once not.
     */
    ACCEPTED,
    /** Folded into an identical queued delivery; written only before migration 012, which stopped updating rows. */
    COALESCED,
    /** Authenticated but unreadable as its source's format; an admin may replay it once the cause is fixed. */
    DEAD_LETTER
}
