package org.breachline.hooks;

/** When a stored delivery is applied to incidents: in the request's transaction, or by the background worker. */
public enum HookProcessing {
    /**
     * Stored and applied in the request's transaction: the 202 means the incident is already open or updated, and
     * only deliveries over the source's rate wait for the worker.
     */
    INLINE,
    /**
     * Authenticated, parsed and stored in the request, answered 202 at once, applied by the worker moments later:
     * the fastest answer to the sender, at the cost of the incident appearing a little after the 202.
     */
    DEFERRED
}
