package org.breachline.hooks;

import java.time.Instant;

/** A {@code hook_outbox} row: one outbound notification and its delivery attempts. */
public record OutboxRow(long id, String messageId, String eventType, String body, String status, int attempts,
                 Instant createdAt, Instant nextAttemptAt, String claimedBy, Instant claimedAt, String lastError,
                 Instant deliveredAt) {
}
