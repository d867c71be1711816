package org.breachline.hooks;

/** Where a stored delivery stands. */
public enum DeliveryStatus {
    /** Read and applied to incidents. */
    PROCESSED,
    /** Received over its source's rate: stored and answered 202, applied later by the background worker. */
    QUEUED,
    /** A queued delivery identical to another one queued from the same source, applied once with it. */
    COALESCED,
    /** Authenticated but unreadable as its source's format; an admin may replay it once the cause is fixed. */
    DEAD_LETTER
}
