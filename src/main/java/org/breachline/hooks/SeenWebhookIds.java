package org.breachline.hooks;

import java.time.Instant;

/**
 * What an authenticator with replay protection asks about a message id, per source, so that a captured delivery
 * cannot be replayed while its timestamp is still within tolerance.
 *
 * <p>Implementations must be atomic: of two concurrent calls with the same (source, id), exactly one returns true. The
 * service's own ({@link CollectedSeenIds}) answers true and hands the id on to be stored with the
 * delivery, unique per source, so the delivery's insert is where a replay loses; the id is kept as long as the
 * delivery ({@code hooks.retention}, at least a day, beyond any accepted timestamp's {@code expiresAt}).
 *
 * <p>The id must be stored in the same transaction as the delivery. If storing failed after the id was recorded and
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
