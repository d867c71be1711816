package org.breachline.hooks;

import java.time.Instant;

/**
 * Remembers the message ids of accepted signed deliveries, per source, so that a captured delivery cannot be replayed
 * while its timestamp is still within tolerance.
 *
 * <p>Implementations must be atomic: of two concurrent calls with the same (source, id), exactly one returns true (a
 * unique key on (source, id) and an insert that reports a conflict does this in SQL). An id may be forgotten after
 * {@code expiresAt}, when the timestamp check refuses the message anyway.
 *
 * <p>Record the id in the same transaction that stores the delivery. If storing fails after the id was recorded and
 * the id stayed, the sender's retry (Standard Webhooks senders retry with the same id) would be refused as a replay and
 * the alert lost.
 */
public interface SeenWebhookIds {

    /**
     * Records the id and answers whether this is the first time it is seen for this source.
     *
     * @param expiresAt when the record may be dropped
     */
    boolean firstTime(String source, String id, Instant expiresAt);
}
