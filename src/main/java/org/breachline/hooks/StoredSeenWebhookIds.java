package org.breachline.hooks;

import java.time.Instant;

/**
 * {@link SeenWebhookIds} in the database, bound to the transaction that stores the delivery: if storing fails, the id
 * is rolled back with it, so the sender's retry is not mistaken for a replay. Shared by every instance.
 */
final class StoredSeenWebhookIds implements SeenWebhookIds {
    private final DeliveryIntakeDao dao;

    /** @param transaction the intake DAO attached to the transaction that stores the delivery */
    StoredSeenWebhookIds(DeliveryIntakeDao transaction) {
        this.dao = transaction;
    }

    @Override
    public boolean firstTime(String source, String id, Instant expiresAt) {
        // Longer ids cannot be stored; they are refused as replays rather than truncated into collisions.
        return id.length() <= 200 && dao.recordSeenId(source, id, expiresAt) == 1;
    }
}
