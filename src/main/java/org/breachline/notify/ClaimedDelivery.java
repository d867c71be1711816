package org.breachline.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery row as the dispatcher works on it (public for JDBI only). {@code awaitingHandoff}: claimed but not yet
 * given to the channel, so certainly not sent.
 */
public record ClaimedDelivery(long id, UUID campaignId, long personId, String channel, int attempts,
                              Instant claimedAt, boolean awaitingHandoff) {
}
