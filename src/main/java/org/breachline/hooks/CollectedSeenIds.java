package org.breachline.hooks;

import java.time.Instant;

/**
 * The service's {@link SeenWebhookIds}: collects the message id an authenticator checks, to store it with the delivery
 * (whose unique key then refuses a replay) instead of recording it at once. One per request.
 */
final class CollectedSeenIds implements SeenWebhookIds {
    private String id;

    @Override
    public boolean firstTime(String source, String id, Instant expiresAt) {
        this.id = id;
        return true;
    }

    /** The id checked, or null when the scheme has none. */
    String id() {
        return id;
    }
}
