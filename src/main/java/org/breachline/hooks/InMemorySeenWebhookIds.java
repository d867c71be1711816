package org.breachline.hooks;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link SeenWebhookIds} held in memory: for tests and a single embedded instance; not shared between instances and
 * not transactional, so a multi-instance service needs the database-backed one.
 */
public final class InMemorySeenWebhookIds implements SeenWebhookIds {

    private final Clock clock;
    private final Map<List<String>, Instant> expiryById = new HashMap<>();

    public InMemorySeenWebhookIds(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized boolean firstTime(String source, String id, Instant expiresAt) {
        Instant now = clock.instant();
        // Only correctly signed messages get here, so the map is bounded by the senders' rate times the tolerance;
        // sweeping on each call keeps it so without a background thread.
        expiryById.values().removeIf(expiry -> expiry.isBefore(now));
        return expiryById.putIfAbsent(List.of(source, id), expiresAt) == null;
    }

    /** How many ids are remembered now. */
    public synchronized int size() {
        return expiryById.size();
    }
}
