package org.breachline.notify;

import java.time.Instant;
import java.util.UUID;

/** A delivery row as the dispatcher works on it (public for JDBI only). */
public record ClaimedDelivery(long id, UUID campaignId, long personId, String channel, int attempts,
                              Instant claimedAt) {
}
