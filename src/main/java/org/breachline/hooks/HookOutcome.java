package org.breachline.hooks;

import java.util.List;

/** What became of one delivery to {@code /hooks/{source}}. */
public sealed interface HookOutcome {

    /** Stored and applied to incidents in the same transaction. */
    record Processed(long deliveryId, List<AlertResult> alerts) implements HookOutcome {
        public Processed {
            alerts = List.copyOf(alerts);
        }
    }

    /** Stored over the source's rate; applied (and coalesced with identical ones) by the background worker. */
    record Queued(long deliveryId) implements HookOutcome {
    }

    /** A correctly signed message already accepted: the sender retrying; nothing is stored again. */
    record Duplicate() implements HookOutcome {
    }

    /** Authenticated but unreadable: kept as a dead letter. */
    record DeadLettered(long deliveryId, MalformedAlertException problem) implements HookOutcome {
    }

    /**
     * Authenticated, but over the source's ceiling ({@code hooks.maxPerSecond}): nothing stored, not even the message
     * id, so that the sender's retry after {@code retryAfter} is accepted rather than taken for a repeat.
     */
    record OverLimit(int maxPerSecond, java.time.Duration retryAfter) implements HookOutcome {
    }

    /** Not from the source: nothing stored. {@code flood} when the source's failures exceed their limit. */
    record Rejected(String code, String message, boolean flood) implements HookOutcome {
    }
}
