package org.breachline.hooks;

import java.time.Instant;

/**
 * An authenticated delivery about to be stored.
 *
 * @param messageId the signed message id the authenticator checked ({@code webhook-id}, Grafana's replay id), stored
 *                  unique per source so that a replay is not stored twice; null for schemes without one
 */
record NewDelivery(String source, Instant receivedAt, byte[] payload, String sha256, String messageId) {
    /** The longest message id stored; a longer one is refused as a replay rather than cut into a collision. */
    static final int MAX_MESSAGE_ID = 200;

    boolean messageIdStorable() {
        return messageId == null || messageId.length() <= MAX_MESSAGE_ID;
    }

    @Override
    public String toString() {
        return "NewDelivery[" + source + ", " + payload.length + " bytes]";
    }
}
