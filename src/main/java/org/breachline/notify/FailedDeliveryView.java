package org.breachline.notify;

import java.time.Instant;

/**
 * A failed (or, for e-mail after a crash, uncertain) delivery as shown to responders: whom it was for by the
 * organisation's own reference, never by address, and why it failed.
 */
public record FailedDeliveryView(long deliveryId, String personReference, Channel channel, DeliveryStatus status,
                                 int attempts, String lastError, Instant updatedAt) {
}
