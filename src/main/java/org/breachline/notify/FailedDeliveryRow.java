package org.breachline.notify;

import java.time.Instant;

/** A delivery that failed or whose outcome is unknown, as stored (public for JDBI only). */
public record FailedDeliveryRow(long id, long personId, String channel, String status, int attempts,
                                String lastError, Instant updatedAt) {
}
